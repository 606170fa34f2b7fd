import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { cardDescription } from './resources/card';

export class Trellocards implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Trello Cards',
		name: 'trellocards',
		icon: {
			light: 'file:../../icons/trellocards.svg',
			dark: 'file:../../icons/trellocards.dark.svg',
		},
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Create, update, find and delete the cards of Trello boards.',
		defaults: {
			name: 'Trello Cards',
		},
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'trellocardsApi',
				required: true,
			},
		],
		requestDefaults: {
			baseURL: 'https://api.trello.com/1',
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
						name: 'Card',
						value: 'card',
					},
				],
				default: 'card',
			},
			...cardDescription,
		],
	};
}
