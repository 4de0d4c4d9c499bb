CREATE TABLE "rep_month" (
	"org_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"month" date NOT NULL,
	"won_amount" bigint DEFAULT 0 NOT NULL,
	"won_count" integer DEFAULT 0 NOT NULL,
	"won_missing_count" integer DEFAULT 0 NOT NULL,
	"created_value" bigint DEFAULT 0 NOT NULL,
	"created_count" integer DEFAULT 0 NOT NULL,
	"result_amount" bigint DEFAULT 0 NOT NULL,
	"result_count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "rep_month_org_id_person_id_month_pk" PRIMARY KEY("org_id","person_id","month")
);
--> statement-breakpoint
CREATE TABLE "rep_month_activity" (
	"org_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"month" date NOT NULL,
	"kind" text NOT NULL,
	"count" bigint NOT NULL,
	CONSTRAINT "rep_month_activity_org_id_person_id_month_kind_pk" PRIMARY KEY("org_id","person_id","month","kind")
);
--> statement-breakpoint
ALTER TABLE "rep_month" ADD CONSTRAINT "rep_month_org_id_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rep_month_activity" ADD CONSTRAINT "rep_month_activity_org_id_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."org"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- The rollup is kept by statement triggers with transition tables, in the writing
-- transaction, so no write path (import merge, ingest, forms, demo, a later one) can forget
-- it. One function per table serves its INSERT, UPDATE and DELETE triggers (PostgreSQL
-- allows a transition table only on a single-event trigger): each changed row counts +1
-- as it is now and -1 as it was, summed per key; an UPDATE keeps only the rows whose
-- counted columns changed. Months are the organization's local months, as the scorecard's
-- SQL computed them; a change of the org's time zone rebuilds its rollup. Upserts run in key
-- order, so two writers of one organization lock rows in the same order.
CREATE FUNCTION "rudder_rep_month_opportunity"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed text;
  emptied_orgs uuid[];
  emptied_people uuid[];
  emptied_months date[];
  emptied_kinds text[];
BEGIN
  changed := CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT 1 AS s, n.org_id, n.owner_id, n.status, n.amount, n.amount_missing, n.created_at, n.closed_at FROM rep_month_new n'
    WHEN 'DELETE' THEN 'SELECT -1 AS s, o.org_id, o.owner_id, o.status, o.amount, o.amount_missing, o.created_at, o.closed_at FROM rep_month_old o'
    ELSE 'SELECT 1 AS s, n.org_id, n.owner_id, n.status, n.amount, n.amount_missing, n.created_at, n.closed_at
            FROM rep_month_new n JOIN rep_month_old o ON o.org_id = n.org_id AND o.id = n.id
           WHERE (n.owner_id, n.status, n.amount, n.amount_missing, n.created_at, n.closed_at)
                 IS DISTINCT FROM (o.owner_id, o.status, o.amount, o.amount_missing, o.created_at, o.closed_at)
          UNION ALL
          SELECT -1, o.org_id, o.owner_id, o.status, o.amount, o.amount_missing, o.created_at, o.closed_at
            FROM rep_month_new n JOIN rep_month_old o ON o.org_id = n.org_id AND o.id = n.id
           WHERE (n.owner_id, n.status, n.amount, n.amount_missing, n.created_at, n.closed_at)
                 IS DISTINCT FROM (o.owner_id, o.status, o.amount, o.amount_missing, o.created_at, o.closed_at)'
  END;
  EXECUTE format($q$
    WITH d AS (%s),
    facts AS (
      SELECT d.org_id, d.owner_id AS person_id,
             date_trunc('month', d.closed_at AT TIME ZONE g.time_zone)::date AS month,
             d.s * d.amount AS won_amount, d.s AS won_count, d.s * d.amount_missing::int AS won_missing_count,
             0::bigint AS created_value, 0 AS created_count
        FROM d JOIN org g ON g.id = d.org_id
       WHERE d.status = 'won' AND d.closed_at IS NOT NULL
      UNION ALL
      SELECT d.org_id, d.owner_id, date_trunc('month', d.created_at AT TIME ZONE g.time_zone)::date,
             0, 0, 0, d.s * d.amount, d.s
        FROM d JOIN org g ON g.id = d.org_id
    ),
    delta AS (
      SELECT org_id, person_id, month, sum(won_amount) AS won_amount, sum(won_count) AS won_count,
             sum(won_missing_count) AS won_missing_count, sum(created_value) AS created_value,
             sum(created_count) AS created_count
        FROM facts GROUP BY org_id, person_id, month
    ),
    upserted AS (
      INSERT INTO rep_month AS r (org_id, person_id, month, won_amount, won_count, won_missing_count, created_value, created_count)
      SELECT * FROM delta
       WHERE won_amount <> 0 OR won_count <> 0 OR won_missing_count <> 0 OR created_value <> 0 OR created_count <> 0
       ORDER BY org_id, person_id, month
      ON CONFLICT (org_id, person_id, month) DO UPDATE SET
        won_amount = r.won_amount + excluded.won_amount,
        won_count = r.won_count + excluded.won_count,
        won_missing_count = r.won_missing_count + excluded.won_missing_count,
        created_value = r.created_value + excluded.created_value,
        created_count = r.created_count + excluded.created_count
      RETURNING r.org_id, r.person_id, r.month, r.won_count, r.created_count, r.result_count
    )
    SELECT array_agg(u.org_id), array_agg(u.person_id), array_agg(u.month) FROM upserted u
     WHERE u.won_count = 0 AND u.created_count = 0 AND u.result_count = 0
  $q$, changed) INTO emptied_orgs, emptied_people, emptied_months;
  -- A second statement: the upsert's own statement cannot see the rows it changed.
  IF emptied_orgs IS NOT NULL THEN
    DELETE FROM rep_month x USING unnest(emptied_orgs, emptied_people, emptied_months) AS e(org_id, person_id, month)
     WHERE x.org_id = e.org_id AND x.person_id = e.person_id AND x.month = e.month;
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE FUNCTION "rudder_rep_month_result"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed text;
  emptied_orgs uuid[];
  emptied_people uuid[];
  emptied_months date[];
  emptied_kinds text[];
BEGIN
  changed := CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT 1 AS s, n.org_id, n.person_id, n.day, n.amount FROM rep_month_new n'
    WHEN 'DELETE' THEN 'SELECT -1 AS s, o.org_id, o.person_id, o.day, o.amount FROM rep_month_old o'
    ELSE 'SELECT 1 AS s, n.org_id, n.person_id, n.day, n.amount FROM rep_month_new n
          UNION ALL SELECT -1, o.org_id, o.person_id, o.day, o.amount FROM rep_month_old o'
  END;
  EXECUTE format($q$
    WITH d AS (%s),
    delta AS (
      SELECT d.org_id, d.person_id, date_trunc('month', d.day)::date AS month,
             sum(d.s * d.amount) AS result_amount, sum(d.s) AS result_count
        FROM d JOIN org g ON g.id = d.org_id
       GROUP BY 1, 2, 3
    ),
    upserted AS (
      INSERT INTO rep_month AS r (org_id, person_id, month, result_amount, result_count)
      SELECT * FROM delta WHERE result_amount <> 0 OR result_count <> 0
       ORDER BY org_id, person_id, month
      ON CONFLICT (org_id, person_id, month) DO UPDATE SET
        result_amount = r.result_amount + excluded.result_amount,
        result_count = r.result_count + excluded.result_count
      RETURNING r.org_id, r.person_id, r.month, r.won_count, r.created_count, r.result_count
    )
    SELECT array_agg(u.org_id), array_agg(u.person_id), array_agg(u.month) FROM upserted u
     WHERE u.won_count = 0 AND u.created_count = 0 AND u.result_count = 0
  $q$, changed) INTO emptied_orgs, emptied_people, emptied_months;
  -- A second statement: the upsert's own statement cannot see the rows it changed.
  IF emptied_orgs IS NOT NULL THEN
    DELETE FROM rep_month x USING unnest(emptied_orgs, emptied_people, emptied_months) AS e(org_id, person_id, month)
     WHERE x.org_id = e.org_id AND x.person_id = e.person_id AND x.month = e.month;
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE FUNCTION "rudder_rep_month_activity"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed text;
  emptied_orgs uuid[];
  emptied_people uuid[];
  emptied_months date[];
  emptied_kinds text[];
BEGIN
  changed := CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT 1 AS s, n.org_id, n.person_id, n.kind, n.occurred_at, n.count FROM rep_month_new n'
    WHEN 'DELETE' THEN 'SELECT -1 AS s, o.org_id, o.person_id, o.kind, o.occurred_at, o.count FROM rep_month_old o'
    ELSE 'SELECT 1 AS s, n.org_id, n.person_id, n.kind, n.occurred_at, n.count FROM rep_month_new n
          UNION ALL SELECT -1, o.org_id, o.person_id, o.kind, o.occurred_at, o.count FROM rep_month_old o'
  END;
  EXECUTE format($q$
    WITH d AS (%s),
    delta AS (
      SELECT d.org_id, d.person_id, date_trunc('month', d.occurred_at AT TIME ZONE g.time_zone)::date AS month,
             d.kind, sum(d.s * d.count) AS count
        FROM d JOIN org g ON g.id = d.org_id
       GROUP BY 1, 2, 3, 4
    ),
    upserted AS (
      INSERT INTO rep_month_activity AS r (org_id, person_id, month, kind, count)
      SELECT * FROM delta WHERE count <> 0
       ORDER BY org_id, person_id, month, kind
      ON CONFLICT (org_id, person_id, month, kind) DO UPDATE SET count = r.count + excluded.count
      RETURNING r.org_id, r.person_id, r.month, r.kind, r.count
    )
    SELECT array_agg(u.org_id), array_agg(u.person_id), array_agg(u.month), array_agg(u.kind) FROM upserted u
     WHERE u.count = 0
  $q$, changed) INTO emptied_orgs, emptied_people, emptied_months, emptied_kinds;
  IF emptied_orgs IS NOT NULL THEN
    DELETE FROM rep_month_activity x
     USING unnest(emptied_orgs, emptied_people, emptied_months, emptied_kinds) AS e(org_id, person_id, month, kind)
     WHERE x.org_id = e.org_id AND x.person_id = e.person_id AND x.month = e.month AND x.kind = e.kind;
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
-- Recomputes one organization's rollup from the base tables (`rudder rollup rebuild`, and
-- after a change of the org's time zone, which moves every instant to another month).
CREATE FUNCTION "rudder_rep_month_rebuild"(p_org uuid) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  tz text;
BEGIN
  SELECT time_zone INTO tz FROM org WHERE id = p_org;
  DELETE FROM rep_month WHERE org_id = p_org;
  DELETE FROM rep_month_activity WHERE org_id = p_org;
  IF tz IS NULL THEN RETURN; END IF;
  INSERT INTO rep_month (org_id, person_id, month, won_amount, won_count, won_missing_count,
                         created_value, created_count, result_amount, result_count)
  SELECT p_org, person_id, month, sum(won_amount), sum(won_count), sum(won_missing_count),
         sum(created_value), sum(created_count), sum(result_amount), sum(result_count)
    FROM (
      SELECT owner_id AS person_id, date_trunc('month', closed_at AT TIME ZONE tz)::date AS month,
             amount AS won_amount, 1 AS won_count, amount_missing::int AS won_missing_count,
             0::bigint AS created_value, 0 AS created_count, 0::bigint AS result_amount, 0 AS result_count
        FROM opportunity WHERE org_id = p_org AND status = 'won' AND closed_at IS NOT NULL
      UNION ALL
      SELECT owner_id, date_trunc('month', created_at AT TIME ZONE tz)::date, 0, 0, 0, amount, 1, 0, 0
        FROM opportunity WHERE org_id = p_org
      UNION ALL
      SELECT person_id, date_trunc('month', day)::date, 0, 0, 0, 0, 0, amount, 1
        FROM result_entry WHERE org_id = p_org
    ) f
   GROUP BY person_id, month;
  INSERT INTO rep_month_activity (org_id, person_id, month, kind, count)
  SELECT p_org, person_id, date_trunc('month', occurred_at AT TIME ZONE tz)::date, kind, sum(count)
    FROM activity WHERE org_id = p_org
   GROUP BY 2, 3, 4;
END
$$;--> statement-breakpoint
CREATE FUNCTION "rudder_rep_month_time_zone"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM rudder_rep_month_rebuild(NEW.id);
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "opportunity_rep_month_insert" AFTER INSERT ON "opportunity" REFERENCING NEW TABLE AS rep_month_new FOR EACH STATEMENT EXECUTE FUNCTION "rudder_rep_month_opportunity"();--> statement-breakpoint
CREATE TRIGGER "opportunity_rep_month_update" AFTER UPDATE ON "opportunity" REFERENCING OLD TABLE AS rep_month_old NEW TABLE AS rep_month_new FOR EACH STATEMENT EXECUTE FUNCTION "rudder_rep_month_opportunity"();--> statement-breakpoint
CREATE TRIGGER "opportunity_rep_month_delete" AFTER DELETE ON "opportunity" REFERENCING OLD TABLE AS rep_month_old FOR EACH STATEMENT EXECUTE FUNCTION "rudder_rep_month_opportunity"();--> statement-breakpoint
CREATE TRIGGER "result_entry_rep_month_insert" AFTER INSERT ON "result_entry" REFERENCING NEW TABLE AS rep_month_new FOR EACH STATEMENT EXECUTE FUNCTION "rudder_rep_month_result"();--> statement-breakpoint
CREATE TRIGGER "result_entry_rep_month_update" AFTER UPDATE ON "result_entry" REFERENCING OLD TABLE AS rep_month_old NEW TABLE AS rep_month_new FOR EACH STATEMENT EXECUTE FUNCTION "rudder_rep_month_result"();--> statement-breakpoint
CREATE TRIGGER "result_entry_rep_month_delete" AFTER DELETE ON "result_entry" REFERENCING OLD TABLE AS rep_month_old FOR EACH STATEMENT EXECUTE FUNCTION "rudder_rep_month_result"();--> statement-breakpoint
CREATE TRIGGER "activity_rep_month_insert" AFTER INSERT ON "activity" REFERENCING NEW TABLE AS rep_month_new FOR EACH STATEMENT EXECUTE FUNCTION "rudder_rep_month_activity"();--> statement-breakpoint
CREATE TRIGGER "activity_rep_month_update" AFTER UPDATE ON "activity" REFERENCING OLD TABLE AS rep_month_old NEW TABLE AS rep_month_new FOR EACH STATEMENT EXECUTE FUNCTION "rudder_rep_month_activity"();--> statement-breakpoint
CREATE TRIGGER "activity_rep_month_delete" AFTER DELETE ON "activity" REFERENCING OLD TABLE AS rep_month_old FOR EACH STATEMENT EXECUTE FUNCTION "rudder_rep_month_activity"();--> statement-breakpoint
CREATE TRIGGER "org_rep_month_time_zone" AFTER UPDATE OF "time_zone" ON "org" FOR EACH ROW WHEN (OLD."time_zone" IS DISTINCT FROM NEW."time_zone") EXECUTE FUNCTION "rudder_rep_month_time_zone"();--> statement-breakpoint
-- ALWAYS: PGlite's import merges with session_replication_role = replica to skip the per-row
-- foreign-key checks; the rollup must still follow those writes.
ALTER TABLE "opportunity" ENABLE ALWAYS TRIGGER "opportunity_rep_month_insert";--> statement-breakpoint
ALTER TABLE "opportunity" ENABLE ALWAYS TRIGGER "opportunity_rep_month_update";--> statement-breakpoint
ALTER TABLE "opportunity" ENABLE ALWAYS TRIGGER "opportunity_rep_month_delete";--> statement-breakpoint
ALTER TABLE "result_entry" ENABLE ALWAYS TRIGGER "result_entry_rep_month_insert";--> statement-breakpoint
ALTER TABLE "result_entry" ENABLE ALWAYS TRIGGER "result_entry_rep_month_update";--> statement-breakpoint
ALTER TABLE "result_entry" ENABLE ALWAYS TRIGGER "result_entry_rep_month_delete";--> statement-breakpoint
ALTER TABLE "activity" ENABLE ALWAYS TRIGGER "activity_rep_month_insert";--> statement-breakpoint
ALTER TABLE "activity" ENABLE ALWAYS TRIGGER "activity_rep_month_update";--> statement-breakpoint
ALTER TABLE "activity" ENABLE ALWAYS TRIGGER "activity_rep_month_delete";--> statement-breakpoint
ALTER TABLE "org" ENABLE ALWAYS TRIGGER "org_rep_month_time_zone";
--> statement-breakpoint
-- Existing data: the rollup starts equal to a recomputation.
SELECT "rudder_rep_month_rebuild"("id") FROM "org";
