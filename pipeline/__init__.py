"""lvpress: Latvian press releases about EU-funded projects -> auditable datasets."""

import importlib.abc
import importlib.machinery
import sys

__version__ = "0.1.0"


class _HideTorch(importlib.abc.Loader):
    def __init__(self, loader):
        self.loader = loader

    def create_module(self, spec):
        return self.loader.create_module(spec)

    def exec_module(self, module):
        sys.modules["torch"] = None  # makes `import torch` fail inside thinc.compat only
        try:
            self.loader.exec_module(module)
        finally:
            if sys.modules.get("torch", 0) is None:
                del sys.modules["torch"]


class _ThincWithoutTorch(importlib.abc.MetaPathFinder):
    """thinc imports PyTorch whenever it is installed (the train extra installs it): about
    450 MiB and a second more per process, though lvpress's spaCy pipelines never use it.
    torch is hidden while thinc.compat loads; afterwards `import torch` works as usual."""

    def find_spec(self, name, path=None, target=None):
        if name != "thinc.compat" or "torch" in sys.modules:
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is not None and spec.loader is not None:
            spec.loader = _HideTorch(spec.loader)
        return spec


if not any(isinstance(f, _ThincWithoutTorch) for f in sys.meta_path):
    sys.meta_path.insert(0, _ThincWithoutTorch())
