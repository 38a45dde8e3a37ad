/**
 * How the scheduler talks to a channel: `ChannelSender` and its typed errors, defined with the
 * channels (src/channels/channel-sender.ts); the Telegram and Zalo adapters each make one.
 */
export { QuotaExceeded, RateLimited, Rejected, Transient, Unreachable, type ChannelSender } from "../channels/channel-sender";
