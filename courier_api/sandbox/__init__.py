"""The sandbox: a robo-courier carries sandbox callers' orders through the same services
a real courier uses, and the sandbox inbox shows what the fake providers sent
(docs/integrators/sandbox.md)."""
