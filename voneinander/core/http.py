"""Response helpers shared by the apps' views."""

from csp.decorators import csp_update

# For views that serve uploaded files: whatever a file contains, it runs in a
# unique origin without scripts.
sandboxed = csp_update({"sandbox": True})
