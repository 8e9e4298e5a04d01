import { runCommand } from './command';
import { mutantsCommand } from './commands/mutants';

void runCommand(mutantsCommand);
