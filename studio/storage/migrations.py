"""Numbered schema migrations. Append only: never edit a script that has shipped.

Migration N (1-based) brings the database from `user_version` N-1 to N.
"""

from __future__ import annotations

_V1 = """
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL                      -- JSON
);

CREATE TABLE profiles (
    name        TEXT PRIMARY KEY,
    base_url    TEXT NOT NULL,
    key_source  TEXT NOT NULL CHECK (key_source IN ('keyring', 'env')),
    key_env     TEXT,                        -- the variable's NAME, never its value
    proxy       TEXT,
    headers     TEXT NOT NULL DEFAULT '{}',  -- JSON object of extra request headers
    is_default  INTEGER NOT NULL DEFAULT 0,
    created_at  REAL NOT NULL
);

CREATE TABLE routes (
    capability  TEXT PRIMARY KEY,
    profile     TEXT REFERENCES profiles(name) ON DELETE SET NULL ON UPDATE CASCADE,
    model       TEXT
);

CREATE TABLE conversations (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    title          TEXT NOT NULL DEFAULT '',
    profile        TEXT,
    model          TEXT,
    api            TEXT NOT NULL DEFAULT 'openai',
    system_prompt  TEXT,
    created_at     REAL NOT NULL,
    updated_at     REAL NOT NULL
);
CREATE INDEX conversations_updated ON conversations(updated_at DESC);

CREATE TABLE messages (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    conversation_id    INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    role               TEXT NOT NULL CHECK (role IN ('system', 'user', 'assistant')),
    content            TEXT NOT NULL DEFAULT '',
    reasoning          TEXT NOT NULL DEFAULT '',
    model              TEXT,
    profile            TEXT,
    state              TEXT NOT NULL DEFAULT 'complete'
                       CHECK (state IN ('complete', 'streaming', 'interrupted', 'error')),
    error              TEXT,
    finish_reason      TEXT,
    prompt_tokens      INTEGER,
    completion_tokens  INTEGER,
    total_tokens       INTEGER,
    created_at         REAL NOT NULL
);
CREATE INDEX messages_conversation ON messages(conversation_id, id);

CREATE TABLE attachments (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    message_id  INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL CHECK (kind IN ('image', 'file')),
    path        TEXT NOT NULL,               -- relative to the data directory
    filename    TEXT NOT NULL,
    mime        TEXT NOT NULL,
    size        INTEGER NOT NULL
);
CREATE INDEX attachments_message ON attachments(message_id);

CREATE VIRTUAL TABLE messages_fts USING fts5(
    content, content='messages', content_rowid='id', tokenize='trigram'
);
CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
    INSERT INTO messages_fts(rowid, content) VALUES (new.id, new.content);
END;
CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
    INSERT INTO messages_fts(messages_fts, rowid, content) VALUES ('delete', old.id, old.content);
END;
CREATE TRIGGER messages_fts_update AFTER UPDATE OF content ON messages BEGIN
    INSERT INTO messages_fts(messages_fts, rowid, content) VALUES ('delete', old.id, old.content);
    INSERT INTO messages_fts(rowid, content) VALUES (new.id, new.content);
END;
"""

_V2 = """
CREATE TABLE jobs (
    id            TEXT PRIMARY KEY,          -- the app's own id
    capability    TEXT NOT NULL,
    family        TEXT NOT NULL,
    profile       TEXT NOT NULL,
    model         TEXT NOT NULL,
    prompt        TEXT NOT NULL DEFAULT '',
    request       TEXT NOT NULL,             -- JSON, never a key
    state         TEXT NOT NULL,
    remote_id     TEXT,
    progress      REAL,
    error         TEXT,
    result_urls   TEXT NOT NULL DEFAULT '[]',  -- JSON list
    metadata      TEXT NOT NULL DEFAULT '{}',  -- JSON object (buttons, seeds, …)
    created_at    REAL NOT NULL,
    updated_at    REAL NOT NULL,
    submitted_at  REAL,
    next_poll_at  REAL
);
CREATE INDEX jobs_state ON jobs(state, updated_at);
CREATE INDEX jobs_created ON jobs(created_at DESC);
"""

# The search index keeps the asset id as an UNINDEXED column instead of mirroring the table's rowid
# (as messages_fts does): assets have a TEXT primary key, so their implicit rowid is not promised to
# survive a VACUUM, and an index that silently points at the wrong rows is worse than a slower delete.
_V3 = """
CREATE TABLE assets (
    id            TEXT PRIMARY KEY,          -- uuid4().hex[:12]
    kind          TEXT NOT NULL CHECK (kind IN ('image', 'video', 'audio', 'text')),
    path          TEXT NOT NULL,             -- relative to the data directory, POSIX separators
    mime          TEXT NOT NULL,
    size          INTEGER NOT NULL,
    width         INTEGER,
    height        INTEGER,
    duration      REAL,                      -- seconds
    prompt        TEXT NOT NULL DEFAULT '',
    model         TEXT NOT NULL DEFAULT '',
    profile       TEXT NOT NULL DEFAULT '',
    job_id        TEXT,                      -- no foreign key: deleting a job keeps its assets
    result_index  INTEGER,                   -- which result of its job
    remote_url    TEXT,
    created_at    REAL NOT NULL,
    favorite      INTEGER NOT NULL DEFAULT 0,
    tags          TEXT NOT NULL DEFAULT '',  -- comma-separated
    metadata      TEXT NOT NULL DEFAULT '{}' -- JSON object
);
CREATE INDEX assets_created ON assets(created_at DESC, id DESC);
CREATE INDEX assets_kind ON assets(kind, created_at DESC, id DESC);
CREATE INDEX assets_model ON assets(model, created_at DESC, id DESC);
CREATE INDEX assets_favorite ON assets(created_at DESC, id DESC) WHERE favorite = 1;
CREATE INDEX assets_job ON assets(job_id) WHERE job_id IS NOT NULL;
-- a resumed download never saves the same result twice
CREATE UNIQUE INDEX assets_job_result ON assets(job_id, result_index)
    WHERE job_id IS NOT NULL AND result_index IS NOT NULL;

CREATE VIRTUAL TABLE assets_fts USING fts5(asset_id UNINDEXED, prompt, tags, tokenize='trigram');
CREATE TRIGGER assets_fts_insert AFTER INSERT ON assets BEGIN
    INSERT INTO assets_fts(asset_id, prompt, tags) VALUES (new.id, new.prompt, new.tags);
END;
CREATE TRIGGER assets_fts_delete AFTER DELETE ON assets BEGIN
    DELETE FROM assets_fts WHERE asset_id = old.id;
END;
CREATE TRIGGER assets_fts_update AFTER UPDATE OF id, prompt, tags ON assets BEGIN
    DELETE FROM assets_fts WHERE asset_id = old.id;
    INSERT INTO assets_fts(asset_id, prompt, tags) VALUES (new.id, new.prompt, new.tags);
END;
"""

# The process writing a `streaming` reply (`processes.process_id`: pid and start time), so another
# process only calls a reply interrupted once its writer is gone. NULL for rows written before.
_V4 = """
ALTER TABLE messages ADD COLUMN writer TEXT;
CREATE INDEX messages_streaming ON messages(state) WHERE state = 'streaming';
"""

# The job engine's own bookkeeping (its sender and runner, poll errors, results kept as links only,
# result kinds) gets a column of its own, out of the metadata a family's handler output is merged into;
# text results (Midjourney describe's prompts, lyrics, transcripts) get theirs (docs/JOBS.md).
_V5 = """
ALTER TABLE jobs ADD COLUMN engine TEXT NOT NULL DEFAULT '{}';
ALTER TABLE jobs ADD COLUMN texts TEXT NOT NULL DEFAULT '[]';
UPDATE jobs SET
    engine = (SELECT json_group_object(key, CASE WHEN type IN ('object', 'array') THEN json(value) ELSE value END)
              FROM json_each(jobs.metadata)
              WHERE key IN ('submitting_pid', 'runner_pid', 'poll_errors', 'remote_only', 'failed_remotely',
                            'result_kinds')),
    texts = CASE WHEN json_type(metadata, '$.prompts') = 'array' THEN json_extract(metadata, '$.prompts')
                 ELSE '[]' END,
    metadata = json_remove(metadata, '$.submitting_pid', '$.runner_pid', '$.poll_errors', '$.remote_only',
                           '$.failed_remotely', '$.result_kinds', '$.prompts')
WHERE json_valid(metadata) AND json_type(metadata) = 'object';
"""

# A profile's key may also live in this process's memory only ('memory') or in the encrypted key file
# ('file'), for machines with no OS keyring. SQLite cannot change a CHECK constraint in place: the table
# is rebuilt. Dropping the old table sets `routes.profile` to NULL (ON DELETE SET NULL), so the routes
# are kept aside and put back.
_V6 = """
CREATE TEMP TABLE routes_kept AS SELECT capability, profile FROM routes;
CREATE TABLE profiles_v6 (
    name        TEXT PRIMARY KEY,
    base_url    TEXT NOT NULL,
    key_source  TEXT NOT NULL CHECK (key_source IN ('keyring', 'env', 'memory', 'file')),
    key_env     TEXT,                        -- the variable's NAME, never its value
    proxy       TEXT,
    headers     TEXT NOT NULL DEFAULT '{}',  -- JSON list of custom header names (values: keyring)
    is_default  INTEGER NOT NULL DEFAULT 0,
    created_at  REAL NOT NULL
);
INSERT INTO profiles_v6(name, base_url, key_source, key_env, proxy, headers, is_default, created_at)
    SELECT name, base_url, key_source, key_env, proxy, headers, is_default, created_at FROM profiles;
DROP TABLE profiles;
ALTER TABLE profiles_v6 RENAME TO profiles;
UPDATE routes SET profile = (SELECT k.profile FROM routes_kept k WHERE k.capability = routes.capability);
DROP TABLE routes_kept;
"""

# Regenerate keeps the reply it replaces: a reply row is the version on screen, `versions` (JSON list of
# {content, reasoning, model, state, error, prompt_tokens, completion_tokens, total_tokens}) the others in
# order, and `version` the row's own place among them all (0-based).
_V7 = """
ALTER TABLE messages ADD COLUMN versions TEXT NOT NULL DEFAULT '[]';
ALTER TABLE messages ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
"""

# A job's error as a code and its arguments (JSON `{code, args}`, studio/errors.py `ErrorInfo`) beside its
# English sentence in `error`, so a window words it in the language it shows when it is read, not the one
# it was stored in. NULL for rows written before and for errors only a sentence says.
_V8 = """
ALTER TABLE jobs ADD COLUMN error_detail TEXT;
"""

# A song is found by its words: the search index also holds the `title`, `tags` (a song's style, kept as
# `style` here, apart from the asset's own tags) and `lyrics` of an asset's metadata (what a job's
# `Result.meta` wrote, docs/JOBS.md). An FTS5 table cannot gain columns, so it is built again from the
# assets. A row whose metadata is not valid JSON is indexed by its prompt and tags only, never refused.
_META_FIELD = "CASE WHEN json_valid({row}.metadata) THEN json_extract({row}.metadata, '$.{key}') END"


def _meta_fields(row: str) -> str:
    return ", ".join(_META_FIELD.format(row=row, key=key) for key in ("title", "tags", "lyrics"))


_V9 = f"""
DROP TRIGGER assets_fts_insert;
DROP TRIGGER assets_fts_delete;
DROP TRIGGER assets_fts_update;
DROP TABLE assets_fts;
CREATE VIRTUAL TABLE assets_fts USING fts5(asset_id UNINDEXED, prompt, tags, title, style, lyrics,
                                           tokenize='trigram');
INSERT INTO assets_fts(asset_id, prompt, tags, title, style, lyrics)
    SELECT id, prompt, tags, {_meta_fields("assets")} FROM assets;
CREATE TRIGGER assets_fts_insert AFTER INSERT ON assets BEGIN
    INSERT INTO assets_fts(asset_id, prompt, tags, title, style, lyrics)
        VALUES (new.id, new.prompt, new.tags, {_meta_fields("new")});
END;
CREATE TRIGGER assets_fts_delete AFTER DELETE ON assets BEGIN
    DELETE FROM assets_fts WHERE asset_id = old.id;
END;
CREATE TRIGGER assets_fts_update AFTER UPDATE OF id, prompt, tags, metadata ON assets BEGIN
    DELETE FROM assets_fts WHERE asset_id = old.id;
    INSERT INTO assets_fts(asset_id, prompt, tags, title, style, lyrics)
        VALUES (new.id, new.prompt, new.tags, {_meta_fields("new")});
END;
"""

#: index i holds the script that brings the schema from version i to i + 1.
MIGRATIONS: tuple[str, ...] = (_V1, _V2, _V3, _V4, _V5, _V6, _V7, _V8, _V9)
