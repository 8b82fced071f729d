"""torch_functional: known divergences of ``torch.nn.functional`` from the modules (torch 2.13.0).

What the runs found (300 drawn calls per operator with the scratch hunt, and the suite's default
profile, 60 examples per test): no divergence. Two adapter mistakes were fixed on the way (error
parity): ``padding_mode='constant'``, which ``F.pad`` takes but ``nn.Conv2d`` rejects, and
``padding='same'`` with a stride above 1 and a non-zeros mode, which explicit pads cannot reject;
the adapter now raises ``ValueError`` for both, as its docstring says.
"""

ADAPTER = "tests.adapters.torch_functional"
REQUIRES = ("torch",)
TESTED = {"torch": "2.13.0"}
KNOWN = []
KIND = {}
REPROS = {}
