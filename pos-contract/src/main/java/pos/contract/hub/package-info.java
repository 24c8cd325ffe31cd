/**
 * What the store hub says over HTTP and in Redis, as records both sides bind to (DESIGN §2: Jackson
 * data binding, no hand-built trees): the error shape, a payment's status, the people changes and
 * the store's alerts. Field order is the wire order.
 */
package pos.contract.hub;
