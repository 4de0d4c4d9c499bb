-- Counts of a 15-minute window: dropping them forgets at most one window of failures.
DELETE FROM "sign_in_limit";--> statement-breakpoint
ALTER TABLE "sign_in_limit" ADD COLUMN "attempts" timestamp with time zone[] NOT NULL;--> statement-breakpoint
ALTER TABLE "sign_in_limit" DROP COLUMN "window_start";--> statement-breakpoint
ALTER TABLE "sign_in_limit" DROP COLUMN "failures";--> statement-breakpoint
-- One sign-in attempt, counted or refused in one statement (src/auth/sign-in-limiter.ts): the
-- account's and the address's rows are locked (the account first, so two attempts never wait
-- on each other in a cycle), the attempts older than the window dropped, and the attempt
-- counted on both only if both are under their limits. Keys with nothing left in the window
-- are swept, a hundred at a time, skipping rows another attempt holds.
CREATE FUNCTION rudder_sign_in_admit(account text, address text, account_limit integer,
    address_limit integer, at timestamptz, window_start timestamptz) RETURNS boolean
LANGUAGE plpgsql AS $$
DECLARE
  account_attempts timestamptz[];
  address_attempts timestamptz[];
  admitted boolean;
BEGIN
  INSERT INTO sign_in_limit (key, attempts) VALUES (account, '{}'), (address, '{}')
    ON CONFLICT (key) DO NOTHING;
  SELECT array(SELECT t FROM unnest(l.attempts) t WHERE t > window_start ORDER BY t)
    INTO account_attempts FROM sign_in_limit l WHERE l.key = account FOR UPDATE;
  SELECT array(SELECT t FROM unnest(l.attempts) t WHERE t > window_start ORDER BY t)
    INTO address_attempts FROM sign_in_limit l WHERE l.key = address FOR UPDATE;
  admitted := cardinality(account_attempts) < account_limit
          AND cardinality(address_attempts) < address_limit;
  IF admitted THEN
    UPDATE sign_in_limit SET attempts = account_attempts || at WHERE key = account;
    UPDATE sign_in_limit SET attempts = address_attempts || at WHERE key = address;
  END IF;
  DELETE FROM sign_in_limit WHERE key IN (
    SELECT l.key FROM sign_in_limit l
     WHERE l.key NOT IN (account, address)
       AND NOT EXISTS (SELECT 1 FROM unnest(l.attempts) t WHERE t > window_start)
     LIMIT 100 FOR UPDATE SKIP LOCKED);
  RETURN admitted;
END $$;
