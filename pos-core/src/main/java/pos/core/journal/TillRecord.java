package pos.core.journal;

import java.time.Instant;

/**
 * One durable record of what happened at a till, journaled before anything else is done with it and
 * handed on to the store (the archive stream, then MariaDB): a finished sale, a return, an audit
 * event (a sign-in, a no-sale drawer opening, a pay-out), a Z report. Implementations are immutable
 * records; their JSON form is a data contract (pos-contract's {@code TillRecordJson}).
 *
 * <p>Each record has one id of its own, made where it happened (a ULID), unique within its
 * {@link #kind()}: journaling the same kind and id twice keeps the first.
 */
public interface TillRecord {

    /** The journal and stream kind, e.g. {@code SALE_FINISHED}, {@code RETURN_FINISHED}, {@code TILL_EVENT}. */
    String kind();

    /** The record's own id: the idempotency key of its journal row, its stream entry and its MariaDB row. */
    String recordId();

    /** The till it happened at. */
    String tillId();

    /** When it happened. */
    Instant at();
}
