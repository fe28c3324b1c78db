package hudson.model;

import hudson.security.AccessControlled;
import hudson.security.Permission;

public interface Item extends AccessControlled {
    Permission EXTENDED_READ = Permission.fromId("hudson.model.Item.ExtendedRead");
}
