import { runCommand } from './command';
import { inspectCommand } from './commands/inspect';

void runCommand(inspectCommand);
