import { runCommand } from './command';
import { replayCommand } from './commands/replay';

void runCommand(replayCommand);
