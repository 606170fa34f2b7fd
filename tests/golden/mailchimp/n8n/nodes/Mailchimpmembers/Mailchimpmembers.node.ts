import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { memberDescription } from './resources/member';
import { searchMembers } from './listSearch';

export class Mailchimpmembers implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Mailchimp Members',
		name: 'mailchimpmembers',
		icon: {
			light: 'file:../../icons/mailchimpmembers.svg',
			dark: 'file:../../icons/mailchimpmembers.dark.svg',
		},
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Add, update, find and archive the members of a Mailchimp audience.',
		defaults: {
			name: 'Mailchimp Members',
		},
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'mailchimpmembersApi',
				required: true,
			},
		],
		requestDefaults: {
			baseURL: '=https://{{(String($credentials.apiKey || \'\').match(new RegExp("-([a-z]+[0-9]+)$")) || [])[1]}}.api.mailchimp.com/3.0',
			headers: {
				Accept: 'application/json',
				'Content-Type': 'application/json',
			},
		},
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Member',
						value: 'member',
					},
				],
				default: 'member',
			},
			...memberDescription,
		],
	};

	methods = {
		listSearch: {
			searchMembers,
		},
	};
}
