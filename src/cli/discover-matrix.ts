import { runCommand } from './command';
import { discoverCommand } from './commands/discover';

void runCommand(discoverCommand);
