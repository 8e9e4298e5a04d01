import { runCommand } from './command';
import { huntCommand } from './commands/hunt';

void runCommand(huntCommand);
