import { runCommand } from './command';
import { exploreCommand } from './commands/explore';

void runCommand(exploreCommand);
