import type { CommandModule } from 'yargs';
import { bookmarkCommand, bookmarksCommand, unbookmarkCommand } from './bookmark.js';
import { cacheCommand } from './cache.js';
import { deleteCommand } from './delete.js';
import { likeCommand, repostCommand, unlikeCommand, unrepostCommand } from './interact.js';
import { dmCommand } from './dm.js';
import type { CommandContext } from './context.js';
import { doctorCommand } from './doctor.js';
import { followCommand, followingCommand, unfollowCommand } from './follow.js';
import { keyCommand } from './key.js';
import { outboxCommand } from './outbox.js';
import { postCommand } from './post.js';
import { relayCommand } from './relay.js';
import { uiCommand } from './ui.js';
import { timelineCommand } from './timeline.js';
import { notificationsCommand } from './notifications.js';
import { profileCommand } from './profile.js';
import { muteCommand, mutesCommand, unmuteCommand } from './mute.js';
import { searchCommand } from './search.js';
import { threadCommand } from './thread.js';

/** Each command module exports a factory taking the shared context. */
export type CommandFactory = (ctx: CommandContext) => CommandModule<any, any>;

/** Every top-level command, in the order `--help` lists them. */
export const commands: CommandFactory[] = [uiCommand, postCommand, deleteCommand, likeCommand, unlikeCommand, repostCommand, unrepostCommand, followCommand, unfollowCommand, followingCommand, keyCommand, relayCommand, dmCommand, outboxCommand, cacheCommand, timelineCommand, threadCommand, searchCommand, notificationsCommand, doctorCommand];
// Issue 13 (people): profiles and mutes.
commands.push(profileCommand, muteCommand, unmuteCommand, mutesCommand, bookmarkCommand, unbookmarkCommand, bookmarksCommand);
