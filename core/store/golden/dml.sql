DELETE FROM cases WHERE (hub_id = {hub:String}) AND (contact_id = {contact:UUID});

DELETE FROM interactions WHERE (hub_id = {hub:String}) AND (contact_id = {contact:UUID}) AND (ts < {before:DateTime64(3, 'UTC')});

DELETE FROM quarantine WHERE (hub_id = {hub:String}) AND (positionCaseInsensitive(raw, {contact:String}) > 0);

INSERT INTO cases FORMAT JSONEachRow;

INSERT INTO interactions
SETTINGS input_format_json_read_objects_as_strings = 1
FORMAT JSONEachRow;

INSERT INTO quarantine FORMAT JSONEachRow;

INSERT INTO schema_migrations FORMAT JSONEachRow;

SELECT
    (
        SELECT uniqExact(interaction_id)
        FROM interactions
        WHERE (hub_id = {hub:String}) AND (contact_id = {contact:UUID})
    ) AS interactions,
    (
        SELECT count()
        FROM quarantine
        WHERE (hub_id = {hub:String}) AND (positionCaseInsensitive(raw, {contact:String}) > 0)
    ) AS quarantine
FORMAT JSONEachRow;

SELECT
    (
        SELECT uniqExact(interaction_id)
        FROM interactions
        WHERE (hub_id = {hub:String}) AND (contact_id = {contact:UUID}) AND (ts < {before:DateTime64(3, 'UTC')})
    ) AS interactions,
    (
        SELECT count()
        FROM quarantine
        WHERE (hub_id = {hub:String}) AND (positionCaseInsensitive(raw, {contact:String}) > 0)
    ) AS quarantine
FORMAT JSONEachRow;

SELECT
    case_id,
    any(contact_id) AS contact_id,
    toUnixTimestamp64Milli(any(created_at)) AS created_ms
FROM cases
WHERE (hub_id = {hub:String}) AND (case_id IN ({ids:Array(UUID)}))
GROUP BY case_id
FORMAT JSONEachRow;

SELECT
    case_id,
    case_number,
    title,
    status,
    portal_id,
    toUnixTimestamp64Milli(created_at) AS created_ms
FROM cases
WHERE (hub_id = {hub:String}) AND (contact_id = {contact:UUID}) AND (created_at >= {from:DateTime64(3, 'UTC')}) AND (created_at < {to:DateTime64(3, 'UTC')})
ORDER BY
    created_at ASC,
    case_id ASC,
    reported_at DESC
LIMIT 1 BY case_id
FORMAT JSONEachRow;

SELECT
    id,
    hub_id,
    toUnixTimestamp64Milli(received_at) AS at,
    stage,
    code,
    path,
    message,
    raw
FROM quarantine
WHERE (hub_id = {hub:String}) AND (positionCaseInsensitive(raw, {contact:String}) > 0)
ORDER BY
    toUnixTimestamp64Milli(received_at) DESC,
    id DESC
LIMIT {limit:UInt32}
FORMAT JSONEachRow;

SELECT
    id,
    hub_id,
    toUnixTimestamp64Milli(received_at) AS at,
    stage,
    code,
    path,
    message,
    raw
FROM quarantine
WHERE hub_id = {hub:String}
ORDER BY
    toUnixTimestamp64Milli(received_at) DESC,
    id DESC
LIMIT {limit:UInt32}
FORMAT JSONEachRow;

SELECT
    interaction_id,
    raw
FROM interactions
WHERE (hub_id = {hub:String}) AND (contact_id = {contact:UUID}) AND (interaction_id IN ({ids:Array(UUID)}))
ORDER BY
    ts ASC,
    interaction_id ASC,
    received_at ASC
LIMIT 1 BY interaction_id
FORMAT JSONEachRow;

SELECT
    interaction_id,
    toUnixTimestamp64Milli(min(ts)) AS at
FROM interactions
WHERE (hub_id = {hub:String}) AND (contact_id = {contact:UUID})
GROUP BY interaction_id
ORDER BY
    at ASC,
    interaction_id ASC
LIMIT {limit:UInt32}
FORMAT JSONEachRow;

SELECT
    toString(toDate(created_at)) AS day,
    count() AS n
FROM
(
    SELECT
        case_id,
        first_contact AS contact_id,
        first_created AS created_at
    FROM
    (
        SELECT
            case_id,
            any(contact_id) AS first_contact,
            any(created_at) AS first_created,
            argMax(portal_id, reported_at) AS last_portal
        FROM cases
        WHERE (hub_id = {hub:String}) AND (created_at >= {casesFrom:DateTime64(3, 'UTC')}) AND (created_at < {casesTo:DateTime64(3, 'UTC')})
        GROUP BY case_id
    )
)
GROUP BY day
ORDER BY day ASC
FORMAT JSONEachRow;

SELECT
    toString(toDate(ts)) AS day,
    type,
    uniqExact(interaction_id) AS n
FROM interactions
WHERE (hub_id = {hub:String}) AND (ts >= {from:DateTime64(3, 'UTC')}) AND (ts < {to:DateTime64(3, 'UTC')})
GROUP BY
    day,
    type
ORDER BY
    day ASC,
    type ASC
FORMAT JSONEachRow;

SELECT *
FROM
(
    SELECT
        hub_id,
        case_id,
        case_number,
        contact_id,
        portal_id,
        title,
        status,
        category,
        description,
        source,
        toUnixTimestamp64Milli(created_at) AS created_ms,
        toUnixTimestamp64Milli(reported_at) AS reported_ms,
        created_at AS c,
        case_id AS id
    FROM cases
    WHERE (hub_id = {hub:String}) AND (contact_id = {contact:UUID})
    ORDER BY reported_at DESC
    LIMIT 1 BY case_id
)
ORDER BY
    c DESC,
    id DESC
LIMIT {limit:UInt32}
FORMAT JSONEachRow;

SELECT count() AS n
FROM
(
    SELECT
        case_id,
        first_contact AS contact_id,
        first_created AS created_at
    FROM
    (
        SELECT
            case_id,
            any(contact_id) AS first_contact,
            any(created_at) AS first_created,
            argMax(portal_id, reported_at) AS last_portal
        FROM cases
        WHERE (hub_id = {hub:String}) AND (created_at >= {casesFrom:DateTime64(3, 'UTC')}) AND (created_at < {casesTo:DateTime64(3, 'UTC')})
        GROUP BY case_id
    )
)
FORMAT JSONEachRow;

SELECT name
FROM system.tables
WHERE (database = currentDatabase()) AND (name IN ({names:Array(String)}))
FORMAT JSONEachRow;

SELECT raw
FROM interactions
WHERE (hub_id = {hub:String}) AND (contact_id = {contact:UUID}) AND (ts >= {from:DateTime64(3, 'UTC')}) AND (ts < {to:DateTime64(3, 'UTC')})
ORDER BY
    ts ASC,
    interaction_id ASC,
    received_at ASC
LIMIT {more:UInt32}
FORMAT TabSeparatedRaw;

SELECT uniqExact(case_id) AS n
FROM cases
WHERE (hub_id = {hub:String}) AND (contact_id = {contact:UUID})
FORMAT JSONEachRow;

SELECT version
FROM schema_migrations
FINAL
FORMAT JSONEachRow;

WITH
    cs AS
    (
        SELECT
            case_id,
            first_contact AS contact_id,
            first_created AS created_at
        FROM
        (
            SELECT
                case_id,
                any(contact_id) AS first_contact,
                any(created_at) AS first_created,
                argMax(portal_id, reported_at) AS last_portal
            FROM cases
            WHERE (hub_id = {hub:String}) AND (created_at >= {casesFrom:DateTime64(3, 'UTC')}) AND (created_at < {casesTo:DateTime64(3, 'UTC')})
            GROUP BY case_id
        )
    )
SELECT
    r.type AS type,
    r.item_id AS item_id,
    argMax(r.title, r.ts) AS title,
    uniqExactIf(r.interaction_id, r.ts >= {from:DateTime64(3, 'UTC')}) AS views,
    uniqExactIf(r.contact_id, r.ts >= {from:DateTime64(3, 'UTC')}) AS readers,
    uniqExactIf(c.case_id, (c.created_at >= {from:DateTime64(3, 'UTC')}) AND (c.created_at < {to:DateTime64(3, 'UTC')}) AND (toUnixTimestamp64Milli(r.ts) >= (toUnixTimestamp64Milli(c.created_at) - {w:Int64})) AND (r.ts < c.created_at)) AS cases_preceded,
    uniqExactIf(r.contact_id, (r.ts >= {from:DateTime64(3, 'UTC')}) AND (c.created_at > r.ts) AND (toUnixTimestamp64Milli(c.created_at) <= (toUnixTimestamp64Milli(r.ts) + {w:Int64}))) AS readers_with_case
FROM
(
    SELECT
        type,
        item_id,
        title,
        contact_id,
        ts,
        interaction_id
    FROM interactions
    WHERE (hub_id = {hub:String}) AND (type IN ({types:Array(String)})) AND (ts >= {readsFrom:DateTime64(3, 'UTC')}) AND (ts < {to:DateTime64(3, 'UTC')})
) AS r
LEFT JOIN cs AS c ON r.contact_id = c.contact_id
GROUP BY
    r.type,
    r.item_id
FORMAT JSONEachRow;

WITH
    cs AS
    (
        SELECT
            case_id,
            first_contact AS contact_id,
            first_created AS created_at
        FROM
        (
            SELECT
                case_id,
                any(contact_id) AS first_contact,
                any(created_at) AS first_created,
                argMax(portal_id, reported_at) AS last_portal
            FROM cases
            WHERE (hub_id = {hub:String}) AND (created_at >= {casesFrom:DateTime64(3, 'UTC')}) AND (created_at < {casesTo:DateTime64(3, 'UTC')})
            GROUP BY case_id
        )
    )
SELECT
    s.q AS q,
    uniqExact(c.case_id) AS cases,
    uniqExact(s.id) AS runs,
    uniqExactIf(s.id, s.rc = 0) AS no_results,
    uniqExactIf(s.id, (s.rc != 0) AND (NOT s.clicked)) AS no_click
FROM
(
    SELECT
        contact_id,
        s.1 AS at_ms,
        s.2 AS id,
        s.3 AS rc,
        s.4 AS q,
        arrayExists(v -> ((v >= (s.1)) AND (v < arrayMin(arrayConcat([toInt64(9223372036854775807)], arrayFilter(x -> (x > (s.1)), arrayMap(x -> (x.1), searches)))))), views) AS clicked
    FROM
    (
        SELECT
            portal_id,
            contact_id,
            if(session_id != '', session_id, concat('day:', toString(toDate(ts)))) AS sid,
            groupUniqArrayIf((toUnixTimestamp64Milli(ts), interaction_id, toInt64(ifNull(result_count, -1)), lowerUTF8(trimBoth(replaceRegexpAll(title, '\\s+', ' ')))), type = 'portal_search') AS searches,
            groupUniqArrayIf(toUnixTimestamp64Milli(ts), type != 'portal_search') AS views
        FROM interactions
        WHERE (hub_id = {hub:String}) AND (type IN ({searchTypes:Array(String)})) AND (ts >= {readsFrom:DateTime64(3, 'UTC')}) AND (ts < {to:DateTime64(3, 'UTC')}) AND (contact_id IN (
            SELECT contact_id
            FROM cs
        ))
        GROUP BY
            portal_id,
            contact_id,
            sid
        HAVING length(searches) > 0
    )
    ARRAY JOIN searches AS s
) AS s
INNER JOIN cs AS c ON s.contact_id = c.contact_id
WHERE (s.at_ms >= (toUnixTimestamp64Milli(c.created_at) - {w:Int64})) AND (s.at_ms < toUnixTimestamp64Milli(c.created_at))
GROUP BY q
HAVING q != ''
ORDER BY
    cases DESC,
    runs DESC,
    q ASC
LIMIT {limit:UInt32}
FORMAT JSONEachRow;
