import type { INodeProperties } from 'n8n-workflow';
{% if description.helpers %}
import { {{ description.helpers | join(', ') }} } from '../../shared/routing';
{% endif %}

export const {{ description.const }}: INodeProperties[] = {{ description.properties | ts }};
