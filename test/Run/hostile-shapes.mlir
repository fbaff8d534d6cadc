// Hostile shapes in a graph file: element and byte counts that do not fit in
// 63 bits, constants and parameters too large for memory. Each is a located
// error and exit 1 — never a wrapped count sizing a too-small buffer (heap
// corruption), an out-of-bounds read, an abort or an uncaught exception.
// RUN: split-file %s %t
// RUN: not ag-run %t/broadcast.mlir --feed x=1 2>&1 | FileCheck %s --check-prefix=BCAST
// RUN: not ag-run %t/param.mlir --feed 'p=[]' --feed i=5 2>&1 | FileCheck %s --check-prefix=PARAM
// RUN: not ag-run %t/splat.mlir 2>&1 | FileCheck %s --check-prefix=SPLAT
// RUN: not ag-run %t/huge-constant.mlir 2>&1 | FileCheck %s --check-prefix=HUGE
// RUN: not ag-run %t/huge-param.mlir --feed x=1 2>&1 | FileCheck %s --check-prefix=HUGEPARAM
// RUN: not ag-run %t/deep.mlir --feed c=true --feed x=3 2>&1 | FileCheck %s --check-prefix=DEEP

// BCAST: b.cpp:3:5: error: the type 'tensor<2305843009213693952xf64>' needs more than 2^63 bytes
// PARAM: param.mlir:1:1: error: the type 'tensor<4611686018427387904x4xf64>' needs more than 2^63 bytes
// SPLAT: s.cpp:2:5: error: the type 'tensor<2305843009213693952xf64>' needs more than 2^63 bytes
// HUGE: c.cpp:2:5: error: this constant needs 800000000000 bytes, more than the memory limit leaves for the graph's constants
// A feed must spell its parameter's shape, so none can make ag-run allocate
// this parameter (it once allocated it before counting the elements).
// HUGEPARAM: ag-run: error: the feed for 'x' has shape [], but its type is float64[100000000000]
// DEEP: deep.mlir:{{[0-9]+}}:{{[0-9]+}}: error: control flow is nested more than 256 levels deep, the evaluator's limit

//--- broadcast.mlir
ag.func @f(%x: tensor<f64> loc("x")) -> tensor<2305843009213693952xf64> {
  %b = ag.broadcast %x : tensor<f64> to tensor<2305843009213693952xf64> loc("b.cpp":3:5)
  ag.return %b : tensor<2305843009213693952xf64>
}
//--- param.mlir
ag.func @f(%p: tensor<4611686018427387904x4xf64> loc("p"), %i: tensor<i64> loc("i")) -> tensor<4xf64> {
  %r = ag.index %p[%i] : tensor<4611686018427387904x4xf64> loc("b.cpp":4:5)
  ag.return %r : tensor<4xf64>
}
//--- splat.mlir
ag.func @f() -> tensor<2305843009213693952xf64> {
  %c = ag.constant dense<1.0> : tensor<2305843009213693952xf64> loc("s.cpp":2:5)
  ag.return %c : tensor<2305843009213693952xf64>
}
//--- huge-constant.mlir
ag.func @f() -> tensor<100000000000xf64> {
  %c = ag.constant dense<1.0> : tensor<100000000000xf64> loc("c.cpp":2:5)
  ag.return %c : tensor<100000000000xf64>
}
//--- huge-param.mlir
ag.func @f(%x: tensor<100000000000xf64> loc("x")) -> tensor<100000000000xf64> {
  ag.return %x : tensor<100000000000xf64>
}
//--- deep.mlir
ag.func @f(%c: tensor<i1> loc("c"), %x: tensor<i64> loc("x")) -> tensor<i64> {
%r0 = ag.if %c -> (tensor<i64>) {
%r1 = ag.if %c -> (tensor<i64>) {
%r2 = ag.if %c -> (tensor<i64>) {
%r3 = ag.if %c -> (tensor<i64>) {
%r4 = ag.if %c -> (tensor<i64>) {
%r5 = ag.if %c -> (tensor<i64>) {
%r6 = ag.if %c -> (tensor<i64>) {
%r7 = ag.if %c -> (tensor<i64>) {
%r8 = ag.if %c -> (tensor<i64>) {
%r9 = ag.if %c -> (tensor<i64>) {
%r10 = ag.if %c -> (tensor<i64>) {
%r11 = ag.if %c -> (tensor<i64>) {
%r12 = ag.if %c -> (tensor<i64>) {
%r13 = ag.if %c -> (tensor<i64>) {
%r14 = ag.if %c -> (tensor<i64>) {
%r15 = ag.if %c -> (tensor<i64>) {
%r16 = ag.if %c -> (tensor<i64>) {
%r17 = ag.if %c -> (tensor<i64>) {
%r18 = ag.if %c -> (tensor<i64>) {
%r19 = ag.if %c -> (tensor<i64>) {
%r20 = ag.if %c -> (tensor<i64>) {
%r21 = ag.if %c -> (tensor<i64>) {
%r22 = ag.if %c -> (tensor<i64>) {
%r23 = ag.if %c -> (tensor<i64>) {
%r24 = ag.if %c -> (tensor<i64>) {
%r25 = ag.if %c -> (tensor<i64>) {
%r26 = ag.if %c -> (tensor<i64>) {
%r27 = ag.if %c -> (tensor<i64>) {
%r28 = ag.if %c -> (tensor<i64>) {
%r29 = ag.if %c -> (tensor<i64>) {
%r30 = ag.if %c -> (tensor<i64>) {
%r31 = ag.if %c -> (tensor<i64>) {
%r32 = ag.if %c -> (tensor<i64>) {
%r33 = ag.if %c -> (tensor<i64>) {
%r34 = ag.if %c -> (tensor<i64>) {
%r35 = ag.if %c -> (tensor<i64>) {
%r36 = ag.if %c -> (tensor<i64>) {
%r37 = ag.if %c -> (tensor<i64>) {
%r38 = ag.if %c -> (tensor<i64>) {
%r39 = ag.if %c -> (tensor<i64>) {
%r40 = ag.if %c -> (tensor<i64>) {
%r41 = ag.if %c -> (tensor<i64>) {
%r42 = ag.if %c -> (tensor<i64>) {
%r43 = ag.if %c -> (tensor<i64>) {
%r44 = ag.if %c -> (tensor<i64>) {
%r45 = ag.if %c -> (tensor<i64>) {
%r46 = ag.if %c -> (tensor<i64>) {
%r47 = ag.if %c -> (tensor<i64>) {
%r48 = ag.if %c -> (tensor<i64>) {
%r49 = ag.if %c -> (tensor<i64>) {
%r50 = ag.if %c -> (tensor<i64>) {
%r51 = ag.if %c -> (tensor<i64>) {
%r52 = ag.if %c -> (tensor<i64>) {
%r53 = ag.if %c -> (tensor<i64>) {
%r54 = ag.if %c -> (tensor<i64>) {
%r55 = ag.if %c -> (tensor<i64>) {
%r56 = ag.if %c -> (tensor<i64>) {
%r57 = ag.if %c -> (tensor<i64>) {
%r58 = ag.if %c -> (tensor<i64>) {
%r59 = ag.if %c -> (tensor<i64>) {
%r60 = ag.if %c -> (tensor<i64>) {
%r61 = ag.if %c -> (tensor<i64>) {
%r62 = ag.if %c -> (tensor<i64>) {
%r63 = ag.if %c -> (tensor<i64>) {
%r64 = ag.if %c -> (tensor<i64>) {
%r65 = ag.if %c -> (tensor<i64>) {
%r66 = ag.if %c -> (tensor<i64>) {
%r67 = ag.if %c -> (tensor<i64>) {
%r68 = ag.if %c -> (tensor<i64>) {
%r69 = ag.if %c -> (tensor<i64>) {
%r70 = ag.if %c -> (tensor<i64>) {
%r71 = ag.if %c -> (tensor<i64>) {
%r72 = ag.if %c -> (tensor<i64>) {
%r73 = ag.if %c -> (tensor<i64>) {
%r74 = ag.if %c -> (tensor<i64>) {
%r75 = ag.if %c -> (tensor<i64>) {
%r76 = ag.if %c -> (tensor<i64>) {
%r77 = ag.if %c -> (tensor<i64>) {
%r78 = ag.if %c -> (tensor<i64>) {
%r79 = ag.if %c -> (tensor<i64>) {
%r80 = ag.if %c -> (tensor<i64>) {
%r81 = ag.if %c -> (tensor<i64>) {
%r82 = ag.if %c -> (tensor<i64>) {
%r83 = ag.if %c -> (tensor<i64>) {
%r84 = ag.if %c -> (tensor<i64>) {
%r85 = ag.if %c -> (tensor<i64>) {
%r86 = ag.if %c -> (tensor<i64>) {
%r87 = ag.if %c -> (tensor<i64>) {
%r88 = ag.if %c -> (tensor<i64>) {
%r89 = ag.if %c -> (tensor<i64>) {
%r90 = ag.if %c -> (tensor<i64>) {
%r91 = ag.if %c -> (tensor<i64>) {
%r92 = ag.if %c -> (tensor<i64>) {
%r93 = ag.if %c -> (tensor<i64>) {
%r94 = ag.if %c -> (tensor<i64>) {
%r95 = ag.if %c -> (tensor<i64>) {
%r96 = ag.if %c -> (tensor<i64>) {
%r97 = ag.if %c -> (tensor<i64>) {
%r98 = ag.if %c -> (tensor<i64>) {
%r99 = ag.if %c -> (tensor<i64>) {
%r100 = ag.if %c -> (tensor<i64>) {
%r101 = ag.if %c -> (tensor<i64>) {
%r102 = ag.if %c -> (tensor<i64>) {
%r103 = ag.if %c -> (tensor<i64>) {
%r104 = ag.if %c -> (tensor<i64>) {
%r105 = ag.if %c -> (tensor<i64>) {
%r106 = ag.if %c -> (tensor<i64>) {
%r107 = ag.if %c -> (tensor<i64>) {
%r108 = ag.if %c -> (tensor<i64>) {
%r109 = ag.if %c -> (tensor<i64>) {
%r110 = ag.if %c -> (tensor<i64>) {
%r111 = ag.if %c -> (tensor<i64>) {
%r112 = ag.if %c -> (tensor<i64>) {
%r113 = ag.if %c -> (tensor<i64>) {
%r114 = ag.if %c -> (tensor<i64>) {
%r115 = ag.if %c -> (tensor<i64>) {
%r116 = ag.if %c -> (tensor<i64>) {
%r117 = ag.if %c -> (tensor<i64>) {
%r118 = ag.if %c -> (tensor<i64>) {
%r119 = ag.if %c -> (tensor<i64>) {
%r120 = ag.if %c -> (tensor<i64>) {
%r121 = ag.if %c -> (tensor<i64>) {
%r122 = ag.if %c -> (tensor<i64>) {
%r123 = ag.if %c -> (tensor<i64>) {
%r124 = ag.if %c -> (tensor<i64>) {
%r125 = ag.if %c -> (tensor<i64>) {
%r126 = ag.if %c -> (tensor<i64>) {
%r127 = ag.if %c -> (tensor<i64>) {
%r128 = ag.if %c -> (tensor<i64>) {
%r129 = ag.if %c -> (tensor<i64>) {
%r130 = ag.if %c -> (tensor<i64>) {
%r131 = ag.if %c -> (tensor<i64>) {
%r132 = ag.if %c -> (tensor<i64>) {
%r133 = ag.if %c -> (tensor<i64>) {
%r134 = ag.if %c -> (tensor<i64>) {
%r135 = ag.if %c -> (tensor<i64>) {
%r136 = ag.if %c -> (tensor<i64>) {
%r137 = ag.if %c -> (tensor<i64>) {
%r138 = ag.if %c -> (tensor<i64>) {
%r139 = ag.if %c -> (tensor<i64>) {
%r140 = ag.if %c -> (tensor<i64>) {
%r141 = ag.if %c -> (tensor<i64>) {
%r142 = ag.if %c -> (tensor<i64>) {
%r143 = ag.if %c -> (tensor<i64>) {
%r144 = ag.if %c -> (tensor<i64>) {
%r145 = ag.if %c -> (tensor<i64>) {
%r146 = ag.if %c -> (tensor<i64>) {
%r147 = ag.if %c -> (tensor<i64>) {
%r148 = ag.if %c -> (tensor<i64>) {
%r149 = ag.if %c -> (tensor<i64>) {
%r150 = ag.if %c -> (tensor<i64>) {
%r151 = ag.if %c -> (tensor<i64>) {
%r152 = ag.if %c -> (tensor<i64>) {
%r153 = ag.if %c -> (tensor<i64>) {
%r154 = ag.if %c -> (tensor<i64>) {
%r155 = ag.if %c -> (tensor<i64>) {
%r156 = ag.if %c -> (tensor<i64>) {
%r157 = ag.if %c -> (tensor<i64>) {
%r158 = ag.if %c -> (tensor<i64>) {
%r159 = ag.if %c -> (tensor<i64>) {
%r160 = ag.if %c -> (tensor<i64>) {
%r161 = ag.if %c -> (tensor<i64>) {
%r162 = ag.if %c -> (tensor<i64>) {
%r163 = ag.if %c -> (tensor<i64>) {
%r164 = ag.if %c -> (tensor<i64>) {
%r165 = ag.if %c -> (tensor<i64>) {
%r166 = ag.if %c -> (tensor<i64>) {
%r167 = ag.if %c -> (tensor<i64>) {
%r168 = ag.if %c -> (tensor<i64>) {
%r169 = ag.if %c -> (tensor<i64>) {
%r170 = ag.if %c -> (tensor<i64>) {
%r171 = ag.if %c -> (tensor<i64>) {
%r172 = ag.if %c -> (tensor<i64>) {
%r173 = ag.if %c -> (tensor<i64>) {
%r174 = ag.if %c -> (tensor<i64>) {
%r175 = ag.if %c -> (tensor<i64>) {
%r176 = ag.if %c -> (tensor<i64>) {
%r177 = ag.if %c -> (tensor<i64>) {
%r178 = ag.if %c -> (tensor<i64>) {
%r179 = ag.if %c -> (tensor<i64>) {
%r180 = ag.if %c -> (tensor<i64>) {
%r181 = ag.if %c -> (tensor<i64>) {
%r182 = ag.if %c -> (tensor<i64>) {
%r183 = ag.if %c -> (tensor<i64>) {
%r184 = ag.if %c -> (tensor<i64>) {
%r185 = ag.if %c -> (tensor<i64>) {
%r186 = ag.if %c -> (tensor<i64>) {
%r187 = ag.if %c -> (tensor<i64>) {
%r188 = ag.if %c -> (tensor<i64>) {
%r189 = ag.if %c -> (tensor<i64>) {
%r190 = ag.if %c -> (tensor<i64>) {
%r191 = ag.if %c -> (tensor<i64>) {
%r192 = ag.if %c -> (tensor<i64>) {
%r193 = ag.if %c -> (tensor<i64>) {
%r194 = ag.if %c -> (tensor<i64>) {
%r195 = ag.if %c -> (tensor<i64>) {
%r196 = ag.if %c -> (tensor<i64>) {
%r197 = ag.if %c -> (tensor<i64>) {
%r198 = ag.if %c -> (tensor<i64>) {
%r199 = ag.if %c -> (tensor<i64>) {
%r200 = ag.if %c -> (tensor<i64>) {
%r201 = ag.if %c -> (tensor<i64>) {
%r202 = ag.if %c -> (tensor<i64>) {
%r203 = ag.if %c -> (tensor<i64>) {
%r204 = ag.if %c -> (tensor<i64>) {
%r205 = ag.if %c -> (tensor<i64>) {
%r206 = ag.if %c -> (tensor<i64>) {
%r207 = ag.if %c -> (tensor<i64>) {
%r208 = ag.if %c -> (tensor<i64>) {
%r209 = ag.if %c -> (tensor<i64>) {
%r210 = ag.if %c -> (tensor<i64>) {
%r211 = ag.if %c -> (tensor<i64>) {
%r212 = ag.if %c -> (tensor<i64>) {
%r213 = ag.if %c -> (tensor<i64>) {
%r214 = ag.if %c -> (tensor<i64>) {
%r215 = ag.if %c -> (tensor<i64>) {
%r216 = ag.if %c -> (tensor<i64>) {
%r217 = ag.if %c -> (tensor<i64>) {
%r218 = ag.if %c -> (tensor<i64>) {
%r219 = ag.if %c -> (tensor<i64>) {
%r220 = ag.if %c -> (tensor<i64>) {
%r221 = ag.if %c -> (tensor<i64>) {
%r222 = ag.if %c -> (tensor<i64>) {
%r223 = ag.if %c -> (tensor<i64>) {
%r224 = ag.if %c -> (tensor<i64>) {
%r225 = ag.if %c -> (tensor<i64>) {
%r226 = ag.if %c -> (tensor<i64>) {
%r227 = ag.if %c -> (tensor<i64>) {
%r228 = ag.if %c -> (tensor<i64>) {
%r229 = ag.if %c -> (tensor<i64>) {
%r230 = ag.if %c -> (tensor<i64>) {
%r231 = ag.if %c -> (tensor<i64>) {
%r232 = ag.if %c -> (tensor<i64>) {
%r233 = ag.if %c -> (tensor<i64>) {
%r234 = ag.if %c -> (tensor<i64>) {
%r235 = ag.if %c -> (tensor<i64>) {
%r236 = ag.if %c -> (tensor<i64>) {
%r237 = ag.if %c -> (tensor<i64>) {
%r238 = ag.if %c -> (tensor<i64>) {
%r239 = ag.if %c -> (tensor<i64>) {
%r240 = ag.if %c -> (tensor<i64>) {
%r241 = ag.if %c -> (tensor<i64>) {
%r242 = ag.if %c -> (tensor<i64>) {
%r243 = ag.if %c -> (tensor<i64>) {
%r244 = ag.if %c -> (tensor<i64>) {
%r245 = ag.if %c -> (tensor<i64>) {
%r246 = ag.if %c -> (tensor<i64>) {
%r247 = ag.if %c -> (tensor<i64>) {
%r248 = ag.if %c -> (tensor<i64>) {
%r249 = ag.if %c -> (tensor<i64>) {
%r250 = ag.if %c -> (tensor<i64>) {
%r251 = ag.if %c -> (tensor<i64>) {
%r252 = ag.if %c -> (tensor<i64>) {
%r253 = ag.if %c -> (tensor<i64>) {
%r254 = ag.if %c -> (tensor<i64>) {
%r255 = ag.if %c -> (tensor<i64>) {
%r256 = ag.if %c -> (tensor<i64>) {
%r257 = ag.if %c -> (tensor<i64>) {
%r258 = ag.if %c -> (tensor<i64>) {
%r259 = ag.if %c -> (tensor<i64>) {
%r260 = ag.if %c -> (tensor<i64>) {
%r261 = ag.if %c -> (tensor<i64>) {
%r262 = ag.if %c -> (tensor<i64>) {
%r263 = ag.if %c -> (tensor<i64>) {
%r264 = ag.if %c -> (tensor<i64>) {
%r265 = ag.if %c -> (tensor<i64>) {
%r266 = ag.if %c -> (tensor<i64>) {
%r267 = ag.if %c -> (tensor<i64>) {
%r268 = ag.if %c -> (tensor<i64>) {
%r269 = ag.if %c -> (tensor<i64>) {
%r270 = ag.if %c -> (tensor<i64>) {
%r271 = ag.if %c -> (tensor<i64>) {
%r272 = ag.if %c -> (tensor<i64>) {
%r273 = ag.if %c -> (tensor<i64>) {
%r274 = ag.if %c -> (tensor<i64>) {
%r275 = ag.if %c -> (tensor<i64>) {
%r276 = ag.if %c -> (tensor<i64>) {
%r277 = ag.if %c -> (tensor<i64>) {
%r278 = ag.if %c -> (tensor<i64>) {
%r279 = ag.if %c -> (tensor<i64>) {
%r280 = ag.if %c -> (tensor<i64>) {
%r281 = ag.if %c -> (tensor<i64>) {
%r282 = ag.if %c -> (tensor<i64>) {
%r283 = ag.if %c -> (tensor<i64>) {
%r284 = ag.if %c -> (tensor<i64>) {
%r285 = ag.if %c -> (tensor<i64>) {
%r286 = ag.if %c -> (tensor<i64>) {
%r287 = ag.if %c -> (tensor<i64>) {
%r288 = ag.if %c -> (tensor<i64>) {
%r289 = ag.if %c -> (tensor<i64>) {
%r290 = ag.if %c -> (tensor<i64>) {
%r291 = ag.if %c -> (tensor<i64>) {
%r292 = ag.if %c -> (tensor<i64>) {
%r293 = ag.if %c -> (tensor<i64>) {
%r294 = ag.if %c -> (tensor<i64>) {
%r295 = ag.if %c -> (tensor<i64>) {
%r296 = ag.if %c -> (tensor<i64>) {
%r297 = ag.if %c -> (tensor<i64>) {
%r298 = ag.if %c -> (tensor<i64>) {
%r299 = ag.if %c -> (tensor<i64>) {
ag.yield %x : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r299 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r298 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r297 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r296 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r295 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r294 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r293 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r292 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r291 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r290 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r289 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r288 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r287 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r286 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r285 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r284 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r283 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r282 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r281 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r280 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r279 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r278 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r277 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r276 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r275 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r274 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r273 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r272 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r271 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r270 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r269 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r268 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r267 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r266 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r265 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r264 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r263 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r262 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r261 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r260 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r259 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r258 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r257 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r256 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r255 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r254 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r253 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r252 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r251 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r250 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r249 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r248 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r247 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r246 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r245 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r244 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r243 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r242 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r241 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r240 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r239 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r238 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r237 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r236 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r235 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r234 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r233 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r232 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r231 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r230 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r229 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r228 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r227 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r226 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r225 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r224 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r223 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r222 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r221 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r220 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r219 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r218 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r217 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r216 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r215 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r214 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r213 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r212 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r211 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r210 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r209 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r208 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r207 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r206 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r205 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r204 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r203 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r202 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r201 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r200 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r199 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r198 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r197 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r196 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r195 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r194 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r193 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r192 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r191 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r190 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r189 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r188 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r187 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r186 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r185 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r184 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r183 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r182 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r181 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r180 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r179 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r178 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r177 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r176 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r175 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r174 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r173 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r172 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r171 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r170 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r169 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r168 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r167 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r166 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r165 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r164 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r163 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r162 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r161 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r160 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r159 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r158 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r157 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r156 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r155 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r154 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r153 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r152 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r151 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r150 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r149 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r148 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r147 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r146 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r145 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r144 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r143 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r142 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r141 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r140 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r139 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r138 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r137 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r136 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r135 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r134 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r133 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r132 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r131 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r130 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r129 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r128 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r127 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r126 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r125 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r124 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r123 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r122 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r121 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r120 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r119 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r118 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r117 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r116 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r115 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r114 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r113 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r112 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r111 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r110 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r109 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r108 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r107 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r106 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r105 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r104 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r103 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r102 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r101 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r100 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r99 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r98 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r97 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r96 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r95 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r94 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r93 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r92 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r91 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r90 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r89 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r88 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r87 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r86 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r85 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r84 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r83 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r82 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r81 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r80 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r79 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r78 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r77 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r76 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r75 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r74 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r73 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r72 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r71 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r70 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r69 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r68 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r67 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r66 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r65 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r64 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r63 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r62 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r61 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r60 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r59 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r58 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r57 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r56 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r55 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r54 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r53 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r52 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r51 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r50 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r49 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r48 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r47 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r46 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r45 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r44 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r43 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r42 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r41 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r40 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r39 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r38 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r37 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r36 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r35 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r34 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r33 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r32 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r31 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r30 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r29 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r28 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r27 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r26 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r25 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r24 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r23 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r22 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r21 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r20 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r19 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r18 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r17 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r16 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r15 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r14 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r13 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r12 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r11 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r10 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r9 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r8 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r7 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r6 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r5 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r4 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r3 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r2 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.yield %r1 : tensor<i64>
} else {
ag.yield %x : tensor<i64>
}
ag.return %r0 : tensor<i64>
}
