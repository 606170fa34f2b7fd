{{ header }}
'use strict';

// The connection's values: what Zapier stored (`source`), plus each derived setting, never asked: the first
// group of its pattern in the value it is read from.
const connectionValues = (source, derived) => {
  const connection = { ...source };
  for (const { key, source: from, pattern } of derived) {
    connection[key] = (new RegExp(pattern).exec(String(connection[from] ?? '')) || [])[1];
  }
  return connection;
};

module.exports = { connectionValues };
