import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Platform } from '../http/app.js';
import { cityApi } from './city-api.js';
import { facilitiesApi } from './facilities-api.js';
import { placesApi } from './places-api.js';

/** The city model's routes: /api/v1/city, /api/v1/places, /api/v1/facilities. */
export const cityModelRoutes =
  (platform: Platform): FastifyPluginAsyncZod =>
  async (app) => {
    await app.register(cityApi(platform));
    await app.register(placesApi(platform));
    await app.register(facilitiesApi(platform));
  };
