import type { INodeProperties } from 'n8n-workflow';

export const contactCreateDescription: INodeProperties[] = [
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: {
			show: {
				resource: ['contact'],
				operation: ['create'],
			},
		},
		options: [
			{
				displayName: 'Email',
				name: 'propertiesEmail',
				type: 'string',
				default: '',
				placeholder: 'name@email.com',
				routing: {
					send: {
						type: 'body',
						property: 'properties.email',
					},
				},
			},
			{
				displayName: 'First Name',
				name: 'propertiesFirstname',
				type: 'string',
				default: '',
				routing: {
					send: {
						type: 'body',
						property: 'properties.firstname',
					},
				},
			},
			{
				displayName: 'Last Name',
				name: 'propertiesLastname',
				type: 'string',
				default: '',
				routing: {
					send: {
						type: 'body',
						property: 'properties.lastname',
					},
				},
			},
		],
	},
];
