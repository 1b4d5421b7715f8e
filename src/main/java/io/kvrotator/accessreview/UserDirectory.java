package io.kvrotator.accessreview;

/** Microsoft Graph's users ({@link GraphUserDirectory}): throws when Graph refuses or fails. */
public interface UserDirectory {

    DirectoryUser user(String objectId);
}
