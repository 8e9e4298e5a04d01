import { runCommand } from './command';
import { matrixCommand } from './commands/matrix';

void runCommand(matrixCommand);
