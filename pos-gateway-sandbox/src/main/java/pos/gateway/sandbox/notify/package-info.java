/**
 * Notification delivery: events stored with the change that caused them, POSTed signed to the
 * order's {@code notify_url} and retried on a {@link pos.gateway.sandbox.notify.RetrySchedule}
 * until a 2xx answer, across restarts.
 */
package pos.gateway.sandbox.notify;
