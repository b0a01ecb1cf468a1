-- 0015: an idempotency key's row now commits together with the request's writes and its answer,
-- so a row without an answer can no longer exist. Free the keys left reserved by crashes before.
DELETE FROM platform.idempotent_request WHERE status_code IS NULL;
