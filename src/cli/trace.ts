import { runCommand } from './command';
import { traceCommand } from './commands/trace';

void runCommand(traceCommand);
