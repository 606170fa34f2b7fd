import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { ticketDescription } from './resources/ticket';
import { agentDescription } from './resources/agent';

export class Deskly implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Deskly',
		name: 'deskly',
		icon: {
			light: 'file:../../icons/deskly.svg',
			dark: 'file:../../icons/deskly.dark.svg',
		},
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Tickets and agents of a made-up help desk.',
		defaults: {
			name: 'Deskly',
		},
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'desklyApi',
				required: true,
			},
		],
		requestDefaults: {
			baseURL: 'https://api.deskly.test/api/v2',
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
						name: 'Agent',
						value: 'agent',
					},
					{
						name: 'Ticket',
						value: 'ticket',
					},
				],
				default: 'agent',
			},
			...ticketDescription,
			...agentDescription,
		],
	};
}
