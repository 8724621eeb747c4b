import { ConnectContactFlow } from '@cdktf/provider-aws/lib/connect-contact-flow';
import { Construct } from 'constructs';
import { parseConnectInstanceArn } from './connect-instance';
import { type FlowContentProps, renderFlowContent } from './flow-content';
import { resourceName } from './naming';

export interface ContactFlowProps extends FlowContentProps {
  /** Prefix of the flow name. */
  readonly namePrefix: string;
  /** The flow is named `<namePrefix>-<name>`, e.g. `pstn-transfer`. */
  readonly name: string;
  /** The Connect instance the flow is created in. */
  readonly connectInstanceArn: string;
  /** @default none */
  readonly description?: string;
  /** Connect flow type. @default 'CONTACT_FLOW' */
  readonly type?: 'CONTACT_FLOW' | 'CUSTOMER_QUEUE' | 'CUSTOMER_HOLD' | 'CUSTOMER_WHISPER' | 'AGENT_HOLD' | 'AGENT_WHISPER' | 'OUTBOUND_WHISPER' | 'AGENT_TRANSFER' | 'QUEUE_TRANSFER';
}

/** A Connect flow (the PSTN transfer flow, the sample inbound flow) rendered from its template. */
export class ContactFlow extends Construct {
  readonly flow: ConnectContactFlow;
  /** The flow id (not the Terraform `id`, which is `<instance id>:<flow id>`). */
  readonly contactFlowId: string;
  readonly arn: string;

  constructor(scope: Construct, id: string, props: ContactFlowProps) {
    super(scope, id);
    this.flow = new ConnectContactFlow(this, 'flow', {
      instanceId: parseConnectInstanceArn(props.connectInstanceArn).instanceId,
      name: resourceName(props.namePrefix, props.name, 'connectFlow'),
      type: props.type ?? 'CONTACT_FLOW',
      ...(props.description ? { description: props.description } : {}),
      content: renderFlowContent(props),
      ...(props.dependsOn?.length ? { dependsOn: [...props.dependsOn] } : {}),
    });
    this.contactFlowId = this.flow.contactFlowId;
    this.arn = this.flow.arn;
  }
}
