"""Run with Debian's python3 (apt-get install python3-onnx): the all-MiniLM-L6-v2 ONNX export's weights as numpy
arrays, and the order of its MatMul weights (they are unnamed in the export), for bert.py."""
import json
import os
import sys

import numpy as np
import onnx
from onnx import numpy_helper

WORK = os.environ.get('CE_WORK', '/tmp/ce')
model = onnx.load(sys.argv[1] if len(sys.argv) > 1 else WORK + '/all-minilm-l6-v2.onnx')
inits = {t.name: numpy_helper.to_array(t) for t in model.graph.initializer}
np.savez(WORK + '/weights.npz', **{k.replace('::', '_'): v for k, v in inits.items()})
matmuls = [n for n in model.graph.node if n.op_type == 'MatMul' and any(i in inits for i in n.input)]
json.dump([[i for i in n.input if i in inits][0] for n in matmuls], open(WORK + '/matmul_order.json', 'w'))
