package pos.core.sync;

/** What the till's status bar says about sync to the store's servers. */
public enum SyncState {
    /** No Redis/MariaDB configured: the till works standalone; the journal keeps everything. */
    OFF,
    /** Connected; the backlog is being handed on. */
    ONLINE,
    /** Configured but unreachable; the backlog grows and drains when they return. */
    OFFLINE
}
