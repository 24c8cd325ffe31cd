/**
 * The store's people at the till: the fingerprint reader seen from the screens, clerk sign-in (finger or
 * PIN), supervisor approval of guarded actions, member pay from stored value, and enrolment.
 */
package pos.app.people;
