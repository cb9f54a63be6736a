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

#: index i holds the script that brings the schema from version i to i + 1.
MIGRATIONS: tuple[str, ...] = (_V1, _V2)
