/**
 * When a task counts as due soon — amber in the work list, and what its `due=dueSoon` filter
 * finds: at most this many working days left, the same window the supervisors' due-soon view opens
 * with by default (`within=3wd`, api/supervision/schemas.ts). One figure, so the colour and the
 * filter never disagree. Import-free: the console reads it at run time.
 */
export const DUE_SOON_WORKING_DAYS = 3;
