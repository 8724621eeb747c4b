import { ContactFlow, IntegrationFunction } from '@genagent-connect/constructs';
import { Construct } from 'constructs';
import type { EnvironmentConfig } from './config/environment-schema';
import { asappCallerEnvironment } from './function-environment';
import { readFlowTemplate } from './flow-templates';
import { functionProps } from './function-props';

export interface PstnTransferModeProps {
  /** The validated environment file. */
  readonly config: EnvironmentConfig;
  /** Secret with the ASAPP API id and secret; both functions get its ARN. */
  readonly credentialsSecretArn: string;
}

/**
 * PSTN transfer mode (ASAPP's PSTN guide): call-transfer asks ASAPP for a number to transfer the
 * caller to, call-context reads the outcome afterwards. Both run outside the VPC (they call ASAPP
 * on the internet) and are associated with the instance; the PSTN transfer flow calls them.
 */
export class PstnTransferMode extends Construct {
  readonly callTransfer: IntegrationFunction;
  readonly callContext: IntegrationFunction;
  readonly transferFlow: ContactFlow;

  constructor(scope: Construct, id: string, props: PstnTransferModeProps) {
    super(scope, id);
    const { config, credentialsSecretArn } = props;
    const shared = {
      // Connect allows a flow's Lambda at most 8 s.
      timeoutSeconds: 8,
      environment: asappCallerEnvironment(config, credentialsSecretArn),
      secretArns: [credentialsSecretArn],
      connectInstanceArn: config.connectInstanceArn,
    };
    this.callTransfer = new IntegrationFunction(this, 'call-transfer', {
      ...functionProps(config, 'call-transfer'),
      ...shared,
      description: 'Asks ASAPP for a phone number to transfer the call to GenerativeAgent',
    });
    this.callContext = new IntegrationFunction(this, 'call-context', {
      ...functionProps(config, 'call-context'),
      ...shared,
      description: "Reads GenerativeAgent's outcome of a transferred call",
    });
    this.transferFlow = new ContactFlow(this, 'pstn-transfer-flow', {
      namePrefix: config.namePrefix,
      name: 'pstn-transfer',
      connectInstanceArn: config.connectInstanceArn,
      description: 'Transfers the caller to GenerativeAgent over PSTN and routes on the returned call context',
      template: readFlowTemplate('pstnTransferFlow'),
      placeholders: {
        CALL_TRANSFER_LAMBDA_ARN: this.callTransfer.aliasArn,
        CALL_CONTEXT_LAMBDA_ARN: this.callContext.aliasArn,
      },
      dependsOn: [...this.callTransfer.connectAccess, ...this.callContext.connectAccess],
    });
  }
}
