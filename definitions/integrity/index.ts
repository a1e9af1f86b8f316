/** The integrity register's pure side: when a dishonesty record is made and until when it counts. */
export * from './dishonesty';
export * from './sourceLabels';
