/**
 * The store's people on the till and at the hub (issue 6): clerks, members and their enrolled
 * prints in the till's SQLite ({@link pos.sync.people.SqlitePeopleStore}, migration
 * {@code V7__people.sql}), prints encrypted at rest with AES-256-GCM ({@link pos.sync.people.PrintCipher},
 * {@link pos.sync.people.PrintKeys}), pushed to and pulled from the store through Redis
 * ({@link pos.sync.people.TillPeople}, {@link pos.contract.people.PeopleRedisKeys}) and archived into MariaDB by
 * the hub ({@link pos.hub.people.PeopleArchiver}, {@link pos.hub.people.MariaDbPeopleStore}); members'
 * stored value debited atomically in Redis ({@link pos.sync.people.RedisStoredValue}).
 */
package pos.sync.people;
