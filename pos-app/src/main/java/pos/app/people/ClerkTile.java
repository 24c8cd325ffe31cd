package pos.app.people;

/**
 * A clerk as the sign-in and approval screens list them: id, name, the role in words and the shortcut that
 * picks them ("Alt+1"), or "" past the ninth.
 */
public record ClerkTile(String clerkId, String name, String roleText, String shortcut) {
}
