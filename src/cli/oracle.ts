import { runCommand } from './command';
import { oracleCommand } from './commands/oracle';

void runCommand(oracleCommand);
