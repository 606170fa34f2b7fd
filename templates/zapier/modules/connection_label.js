{{ header }}
'use strict';

const { dig } = require('../lib/records');

// The connection label, over the record the connection test returned (bundle.inputData).
module.exports = async (z, bundle) => {{ text }};
