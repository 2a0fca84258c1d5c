/**
 * The records the simulator writes, one type per channel, each field for field what the server's channel
 * schema accepts as JSON (packages/server/src/channels/*.ts; packages/server/src/simulate-records.test.ts
 * parses generated records with those schemas). Times are local Asia/Shanghai 'YYYY-MM-DD HH:MM:SS'.
 */

export interface VisitRecord {
  readonly visitId: string;
  readonly facility: string;
  readonly time: string;
  readonly age?: number;
  readonly sex?: 'M' | 'F';
  readonly residence?: string;
  readonly chiefComplaint?: string;
  readonly icd10?: string;
  readonly temperature?: number;
  readonly feverClinic?: boolean;
}

export interface ReportCardRecord {
  readonly cardId: string;
  readonly type: 'new' | 'correction';
  readonly disease: string;
  readonly classification: 'suspected' | 'clinical' | 'confirmed';
  readonly onsetDate: string;
  readonly diagnosisDate: string;
  readonly residence?: string;
  readonly age?: number;
  readonly sex?: 'M' | 'F';
  readonly occupation?: string;
  readonly facility: string;
  readonly idNumber?: string;
  readonly phone?: string;
}

export interface PharmacyRecord {
  readonly store: string;
  readonly date: string;
  readonly drugClass: string;
  readonly units: number;
}

export interface SchoolRecord {
  readonly school: string;
  readonly date: string;
  readonly enrolled: number;
  readonly absentFever: number;
  readonly absentRespiratory: number;
  readonly absentGi: number;
  readonly absentOther: number;
}

export interface LabRecord {
  readonly lab: string;
  readonly sampleId: string;
  readonly pathogen: string;
  readonly result: 'positive' | 'negative';
  readonly sampleDate: string;
  readonly resultDate: string;
  readonly residence?: string;
  readonly method?: string;
}

export interface HotlineRecord {
  readonly line: '12345' | '120';
  readonly messageId: string;
  readonly time: string;
  readonly text: string;
  readonly category?: string;
  readonly place?: string;
}

export interface OpinionRecord {
  readonly source: string;
  readonly postId: string;
  readonly time: string;
  readonly text: string;
  readonly category?: string;
  readonly place?: string;
}

export interface WastewaterRecord {
  readonly site: string;
  readonly date: string;
  readonly target: string;
  readonly concentration: number;
  readonly flow?: number;
}

export interface ChannelRecords {
  readonly visit: VisitRecord;
  readonly 'report-card': ReportCardRecord;
  readonly pharmacy: PharmacyRecord;
  readonly school: SchoolRecord;
  readonly lab: LabRecord;
  readonly hotline: HotlineRecord;
  readonly opinion: OpinionRecord;
  readonly wastewater: WastewaterRecord;
}

/** A generated record with what a drill needs beside it. */
export type SimRecord = {
  readonly [C in keyof ChannelRecords]: {
    readonly channel: C;
    readonly record: ChannelRecords[C];
    /** The event day (visit, onset, sale, absence, sample, message), 'YYYY-MM-DD'. */
    readonly date: string;
    /** The day the source sends it: feed records on or before "today" only. */
    readonly reportedOn: string;
    /**
     * Ground truth: how much of this record each outbreak caused (a per-case record: {id: 1}; a daily row:
     * the units, pupils or copies/L of each); null when the baseline alone.
     */
    readonly outbreak: Readonly<Record<string, number>> | null;
  };
}[keyof ChannelRecords];
