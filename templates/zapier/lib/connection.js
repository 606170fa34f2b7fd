{{ header }}
'use strict';

// The connection's values: what Zapier stored (`source`), each field stored under a pinned key (`alias`, a live
// app's key) also under its spec key, plus each derived setting, never asked: the first group of its pattern in the
// value it is read from.
const connectionValues = (source, derived) => {
  const connection = { ...source };
  for (const { key, alias, source: from, pattern } of derived) {
    connection[key] = alias
      ? connection[alias]
      : (new RegExp(pattern).exec(String(connection[from] ?? '')) || [])[1];
  }
  return connection;
};

module.exports = { connectionValues };
