import { ConnectContactFlowModule } from '@cdktf/provider-aws/lib/connect-contact-flow-module';
import { Construct } from 'constructs';
import { parseConnectInstanceArn } from './connect-instance';
import { type FlowContentProps, renderFlowContent } from './flow-content';
import { resourceName } from './naming';

export interface FlowModuleProps extends FlowContentProps {
  /** Prefix of the module name. */
  readonly namePrefix: string;
  /** The module is named `<namePrefix>-<name>`. @default 'generative-agent' */
  readonly name?: string;
  /** The Connect instance the module is created in. */
  readonly connectInstanceArn: string;
  /** @default 'ASAPP GenerativeAgent' */
  readonly description?: string;
}

/**
 * A Connect flow module (e.g. the GenerativeAgent module) rendered from its template with the
 * Lambda alias ARNs and media URIs substituted.
 */
export class FlowModule extends Construct {
  readonly module: ConnectContactFlowModule;
  /** The module id (not the Terraform `id`, which is `<instance id>:<module id>`). */
  readonly moduleId: string;
  readonly arn: string;

  constructor(scope: Construct, id: string, props: FlowModuleProps) {
    super(scope, id);
    this.module = new ConnectContactFlowModule(this, 'module', {
      instanceId: parseConnectInstanceArn(props.connectInstanceArn).instanceId,
      name: resourceName(props.namePrefix, props.name ?? 'generative-agent', 'connectFlow'),
      description: props.description ?? 'ASAPP GenerativeAgent',
      content: renderFlowContent(props),
      ...(props.dependsOn?.length ? { dependsOn: [...props.dependsOn] } : {}),
    });
    this.moduleId = this.module.contactFlowModuleId;
    this.arn = this.module.arn;
  }
}
