-- The write path in one round trip (hand-written: Prisma's schema cannot
-- express functions or these checks; the schema diff leaves them alone).

-- A tip is at most the drinks (a 100% tip is the most there is). Open tabs
-- over it are re-capped first, the difference going back to the balance;
-- tabs already paid or being paid stay as they were charged (NOT VALID skips
-- them), and every later write must hold.
UPDATE "sessions" AS s
   SET "balance_cents" = s."balance_cents" + (t."tip_cents" - t."subtotal_cents")
  FROM "tabs" AS t
 WHERE t."session_id" = s."id" AND t."status" = 'OPEN' AND t."tip_cents" > t."subtotal_cents";
UPDATE "tabs"
   SET "tip_fixed_cents" = CASE WHEN "tip_fixed_cents" IS NULL THEN NULL ELSE "subtotal_cents" END,
       "tip_cents" = "subtotal_cents",
       "total_cents" = "subtotal_cents" * 2,
       "version" = "version" + 1
 WHERE "status" = 'OPEN' AND "tip_cents" > "subtotal_cents";
ALTER TABLE "tabs" ADD CONSTRAINT "tabs_tip_at_most_subtotal" CHECK ("tip_cents" <= "subtotal_cents") NOT VALID;

-- A session's state as one JSON document: the session, its current tab
-- (open or with a payment pending) and the tab's lines in the order they were
-- added. NULL when there is no such session.
CREATE OR REPLACE FUNCTION maya_session_state(p_session uuid) RETURNS json
LANGUAGE sql STABLE AS $$
  SELECT json_build_object(
    'id', s."id",
    'customerName', s."customer_name",
    'balanceCents', s."balance_cents",
    'startingBalanceCents', s."starting_balance_cents",
    'dialogueState', s."dialogue_state",
    'createdAt', s."created_at",
    'tab', (
      SELECT json_build_object(
        'id', t."id", 'status', t."status", 'tipPercent', t."tip_percent", 'tipFixedCents', t."tip_fixed_cents",
        'subtotalCents', t."subtotal_cents", 'tipCents', t."tip_cents", 'totalCents', t."total_cents", 'version', t."version",
        'items', COALESCE((
          SELECT json_agg(json_build_object(
                   'id', i."id", 'menuItemId', i."menu_item_id", 'quantity', i."quantity",
                   'modifiers', i."modifiers", 'unitPriceCents', i."unit_price_cents") ORDER BY i."position")
            FROM "tab_items" AS i WHERE i."tab_id" = t."id"), '[]'::json))
        FROM "tabs" AS t
       WHERE t."session_id" = s."id" AND t."status" IN ('OPEN', 'PAYMENT_PENDING')))
    FROM "sessions" AS s
   WHERE s."id" = p_session
$$;

-- One change to a session, planned by the app on the state it read, applied
-- in one call (one round trip, one transaction) under the session's row lock:
-- - p_tab/p_version: the tab and version the change was planned on. When the
--   session has moved on (another instance, a payment), nothing is written and
--   the current state comes back, for the app to plan again.
-- - p_edit (or NULL): the tab after the change: its lines to write and to
--   delete, its money, the new balance, and the outbox event. The database
--   re-checks the money itself: the subtotal is the sum of the lines, the tip
--   follows its percent (half-up) or is at most the subtotal, and balance +
--   tab total is what it was (nothing created or lost). The table constraints
--   hold the rest (no negative money, total = subtotal + tip).
-- - p_messages: transcript lines to append, in order (a turn's utterance and
--   reply, or what Maya says about a tip).
-- - p_dialogue (or NULL): for a conversation turn, {expectedTurn, state}: the
--   dialogue state the turn was planned on must still be the stored one.
-- Returns {"applied": true, "eventId": ...} or {"applied": false, "state": ...}.
CREATE OR REPLACE FUNCTION maya_apply_change(p_session uuid, p_tab uuid, p_version integer, p_edit json, p_messages json, p_dialogue json)
RETURNS json
LANGUAGE plpgsql AS $$
DECLARE
  v_session "sessions"%ROWTYPE;
  v_tab "tabs"%ROWTYPE;
  v_subtotal bigint;
  v_tip integer;
  v_event_id bigint;
BEGIN
  SELECT * INTO v_session FROM "sessions" WHERE "id" = p_session FOR UPDATE;
  IF NOT FOUND THEN
    RETURN json_build_object('applied', false, 'state', NULL);
  END IF;
  SELECT * INTO v_tab FROM "tabs" WHERE "session_id" = p_session AND "status" IN ('OPEN', 'PAYMENT_PENDING');
  IF v_tab."id" IS DISTINCT FROM p_tab OR v_tab."version" <> p_version
     OR (p_dialogue IS NOT NULL AND (v_session."dialogue_state"->>'turn') IS DISTINCT FROM (p_dialogue->>'expectedTurn')) THEN
    RETURN json_build_object('applied', false, 'state', maya_session_state(p_session));
  END IF;

  IF p_edit IS NOT NULL THEN
    IF v_tab."status" <> 'OPEN' THEN
      RAISE EXCEPTION 'maya: tab % is not open', p_tab USING ERRCODE = 'check_violation';
    END IF;
    DELETE FROM "tab_items"
     WHERE "tab_id" = p_tab AND "id" IN (SELECT value::uuid FROM json_array_elements_text(p_edit->'delete'));
    INSERT INTO "tab_items" ("id", "tab_id", "menu_item_id", "quantity", "modifiers", "unit_price_cents")
    SELECT (line->>'id')::uuid, p_tab, line->>'menuItemId', (line->>'quantity')::integer,
           ARRAY(SELECT json_array_elements_text(line->'modifiers')), (line->>'unitPriceCents')::integer
      FROM json_array_elements(p_edit->'upsert') WITH ORDINALITY AS lines(line, n)
     ORDER BY n
    ON CONFLICT ("id") DO UPDATE SET "quantity" = EXCLUDED."quantity" WHERE "tab_items"."tab_id" = p_tab;

    SELECT COALESCE(SUM("quantity"::bigint * "unit_price_cents"), 0) INTO v_subtotal FROM "tab_items" WHERE "tab_id" = p_tab;
    IF v_subtotal <> (p_edit->>'subtotalCents')::bigint THEN
      RAISE EXCEPTION 'maya: subtotal % is not the sum of the lines, %', p_edit->>'subtotalCents', v_subtotal USING ERRCODE = 'check_violation';
    END IF;
    v_tip := (p_edit->>'tipCents')::integer;
    IF (p_edit->>'tipPercent') IS NOT NULL AND v_tip <> ((v_subtotal * (p_edit->>'tipPercent')::integer + 50) / 100) THEN
      RAISE EXCEPTION 'maya: a % percent tip of % is not %', p_edit->>'tipPercent', v_subtotal, v_tip USING ERRCODE = 'check_violation';
    END IF;
    IF v_session."balance_cents" + v_tab."total_cents" <> (p_edit->>'balanceCents')::integer + (p_edit->>'totalCents')::integer THEN
      RAISE EXCEPTION 'maya: balance and tab must move together' USING ERRCODE = 'check_violation';
    END IF;

    UPDATE "tabs"
       SET "subtotal_cents" = v_subtotal, "tip_cents" = v_tip, "total_cents" = (p_edit->>'totalCents')::integer,
           "tip_percent" = (p_edit->>'tipPercent')::integer, "tip_fixed_cents" = (p_edit->>'tipFixedCents')::integer,
           "version" = p_version + 1, "updated_at" = now()
     WHERE "id" = p_tab;
    INSERT INTO "tab_events" ("session_id", "version", "reason", "payload")
    VALUES (p_session, p_version + 1, p_edit->'event'->>'reason', (p_edit->'event')::jsonb)
    RETURNING "id" INTO v_event_id;
  END IF;

  IF p_messages IS NOT NULL THEN
    INSERT INTO "messages" ("session_id", "speaker", "text")
    SELECT p_session, (message->>'speaker')::"Speaker", message->>'text'
      FROM json_array_elements(p_messages) WITH ORDINALITY AS messages(message, n)
     ORDER BY n;
  END IF;

  IF p_edit IS NOT NULL OR p_dialogue IS NOT NULL THEN
    UPDATE "sessions"
       SET "balance_cents" = COALESCE((p_edit->>'balanceCents')::integer, "balance_cents"),
           "dialogue_state" = CASE WHEN p_dialogue IS NULL THEN "dialogue_state" ELSE (p_dialogue->'state')::jsonb END
     WHERE "id" = p_session;
  END IF;
  RETURN json_build_object('applied', true, 'eventId', v_event_id);
END
$$;
