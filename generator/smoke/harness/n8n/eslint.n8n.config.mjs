// The rule sets `n8n-node lint` (@n8n/node-cli 0.48.x, dist/configs/eslint.js) enables for a strict community
// package, assembled from the lint-only plugins so the 700 MB node-cli is not needed. Run from the package dir.
import eslint from '@eslint/js';
import n8nCommunityNodes from '@n8n/eslint-plugin-community-nodes';
import { globalIgnores } from 'eslint/config';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importPlugin from 'eslint-plugin-import-x';
import n8nNodesPlugin from 'eslint-plugin-n8n-nodes-base';
import tseslint from 'typescript-eslint';

export default tseslint.config(
	globalIgnores(['dist', 'node_modules']),
	{
		files: ['**/*.ts'],
		extends: [eslint.configs.recommended, tseslint.configs.recommended, importPlugin.configs['flat/recommended']],
		rules: { 'prefer-spread': 'off' },
	},
	n8nCommunityNodes.configs.recommended,
	{
		plugins: { 'n8n-nodes-base': n8nNodesPlugin },
		settings: { 'import-x/resolver-next': [createTypeScriptImportResolver()] },
	},
	{
		files: ['package.json'],
		rules: { ...n8nNodesPlugin.configs.community.rules },
		languageOptions: { parser: tseslint.parser, parserOptions: { extraFileExtensions: ['.json'] } },
	},
	{
		files: ['./credentials/**/*.ts'],
		rules: {
			...n8nNodesPlugin.configs.credentials.rules,
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
		},
	},
	{
		files: ['./nodes/**/*.ts'],
		rules: {
			...n8nNodesPlugin.configs.nodes.rules,
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
			'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
		},
	},
);
