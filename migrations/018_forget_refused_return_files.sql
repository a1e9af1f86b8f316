-- Return files were stored before they were checked, so every file refused by the booking stayed in
-- payment_files, whole (issue 12). Now a refused file is never kept. The ones kept before are
-- forgotten here where that is certain: a return file never booked (no summary) of a cycle already
-- reconciled can no longer be booked by anything. An open cycle's unbooked file may still be in
-- flight and is left; the booking deletes it if it refuses it.
DELETE FROM payment_files f
 USING payment_cycles c
 WHERE f.cycle_id = c.id
   AND f.kind = 'return'
   AND f.summary IS NULL
   AND c.reconciled_at IS NOT NULL;
