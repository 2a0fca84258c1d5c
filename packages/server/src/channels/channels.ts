import type { ChannelDefinition } from './channel.js';
import type { ChannelId } from './channel-id.js';
import { hotlineChannel } from './hotline.js';
import { labChannel } from './lab.js';
import { opinionChannel } from './opinion.js';
import { pharmacyChannel } from './pharmacy.js';
import { reportCardChannel } from './report-card.js';
import { schoolChannel } from './school.js';
import { visitChannel } from './visit.js';
import { wastewaterChannel } from './wastewater.js';

/** Every channel by id. */
export const channels: Readonly<Record<ChannelId, ChannelDefinition>> = {
  visit: visitChannel,
  'report-card': reportCardChannel,
  pharmacy: pharmacyChannel,
  school: schoolChannel,
  lab: labChannel,
  hotline: hotlineChannel,
  opinion: opinionChannel,
  wastewater: wastewaterChannel,
};
