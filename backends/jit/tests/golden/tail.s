function self:
  0000  push rbp
  0001  mov rbp,rsp
  0004  push r14
  0006  push r15
  0008  sub rsp,40h
  000f  mov r14,rdi
  0012  mov r11,[r14]
  0019  cmp rsp,[r11+8]
  0020  jb 000000000000017Eh
  0026  mov [rbp-20h],rdx
  002d  mov [rsp],rdx
  0035  mov rax,[r14+28h]
  003c  mov rax,[rax+8]
  0043  mov r11,[rax]
  004a  mov r10,[r11+8]
  0051  test r10,r10
  0054  je 000000000000007Bh
  005a  mov rdi,[rax+8]
  0061  mov rsi,r14
  0064  mov rdx,[rsp]
  006c  lea rsp,[rbp-10h]
  0073  pop r15
  0075  pop r14
  0077  pop rbp
  0078  jmp r10
  007b  mov r10,[r14]
  0082  mov [r10+20h],rax
  0089  mov rdi,rax
  008c  mov rsi,r14
  008f  lea rdx,[rsp]
  0097  mov ecx,1
  009c  call qword ptr [r11]
  00a3  mov r10,[r14]
  00aa  mov qword ptr [r10+20h],0
  00b5  test al,al
  00b7  je 0000000000000180h
  00bd  mov rax,[r10+28h]
  00c4  test rax,rax
  00c7  je 0000000000000154h
  00cd  mov qword ptr [r10+28h],0
  00d8  mov r11,[rax]
  00df  mov r9,[r11+10h]
  00e6  test r9,r9
  00e9  je 0000000000000112h
  00ef  mov rdi,[rax+8]
  00f6  mov rsi,r14
  00f9  mov rdx,[r10+30h]
  0100  mov r8,rax
  0103  lea rsp,[rbp-10h]
  010a  pop r15
  010c  pop r14
  010e  pop rbp
  010f  jmp r9
  0112  mov rdi,rax
  0115  mov rsi,r14
  0118  mov rdx,[r10+30h]
  011f  mov ecx,3E8h
  0124  call qword ptr [r11]
  012b  test al,al
  012d  je 0000000000000180h
  0133  mov r10,[r14]
  013a  mov r10,[r10+30h]
  0141  movdqu xmm15,[r10]
  014a  movdqu [rsp],xmm15
  0154  mov rax,[rsp]
  015c  mov [rsp],rax
  0164  jmp 0000000000000169h
  0169  mov rax,[rsp]
  0171  lea rsp,[rbp-10h]
  0178  pop r15
  017a  pop r14
  017c  pop rbp
  017d  ret
  017e  ud2    ; trap: Code(StackOverflow)
  0180  ud2    ; trap: Propagate
  0182  mov r11,rdx
  0185  mov rdx,[r11]
  018c  jmp 0

function indirect:
  0000  push rbp
  0001  mov rbp,rsp
  0004  push r14
  0006  push r15
  0008  sub rsp,50h
  000f  mov r14,rdi
  0012  mov r11,[r14]
  0019  cmp rsp,[r11+8]
  0020  jb 00000000000001DDh
  0026  mov [rbp-20h],rdx
  002d  mov [rsp],rdx
  0035  mov dword ptr [rsp+10h],0
  0040  mov dword ptr [rsp+14h],0
  004b  mov eax,[rsp+10h]
  0052  mov r11,[r14+18h]
  0059  mov r11,[r11]
  0060  cmp rax,[r11+8]
  0067  jae 00000000000001D7h
  006d  mov r11,[r11]
  0074  mov rax,[r11+rax*8]
  0078  test rax,rax
  007b  je 00000000000001D9h
  0081  mov r11,[r14+30h]
  0088  mov r11d,[r11]
  008f  cmp r11d,[rax+10h]
  0096  jne 00000000000001DBh
  009c  mov r11,[rax]
  00a3  mov r10,[r11+8]
  00aa  test r10,r10
  00ad  je 00000000000000D4h
  00b3  mov rdi,[rax+8]
  00ba  mov rsi,r14
  00bd  mov rdx,[rsp]
  00c5  lea rsp,[rbp-10h]
  00cc  pop r15
  00ce  pop r14
  00d0  pop rbp
  00d1  jmp r10
  00d4  mov r10,[r14]
  00db  mov [r10+20h],rax
  00e2  mov rdi,rax
  00e5  mov rsi,r14
  00e8  lea rdx,[rsp]
  00f0  mov ecx,1
  00f5  call qword ptr [r11]
  00fc  mov r10,[r14]
  0103  mov qword ptr [r10+20h],0
  010e  test al,al
  0110  je 00000000000001DFh
  0116  mov rax,[r10+28h]
  011d  test rax,rax
  0120  je 00000000000001ADh
  0126  mov qword ptr [r10+28h],0
  0131  mov r11,[rax]
  0138  mov r9,[r11+10h]
  013f  test r9,r9
  0142  je 000000000000016Bh
  0148  mov rdi,[rax+8]
  014f  mov rsi,r14
  0152  mov rdx,[r10+30h]
  0159  mov r8,rax
  015c  lea rsp,[rbp-10h]
  0163  pop r15
  0165  pop r14
  0167  pop rbp
  0168  jmp r9
  016b  mov rdi,rax
  016e  mov rsi,r14
  0171  mov rdx,[r10+30h]
  0178  mov ecx,3E8h
  017d  call qword ptr [r11]
  0184  test al,al
  0186  je 00000000000001DFh
  018c  mov r10,[r14]
  0193  mov r10,[r10+30h]
  019a  movdqu xmm15,[r10]
  01a3  movdqu [rsp],xmm15
  01ad  mov rax,[rsp]
  01b5  mov [rsp],rax
  01bd  jmp 00000000000001C2h
  01c2  mov rax,[rsp]
  01ca  lea rsp,[rbp-10h]
  01d1  pop r15
  01d3  pop r14
  01d5  pop rbp
  01d6  ret
  01d7  ud2    ; trap: Code(UndefinedElement)
  01d9  ud2    ; trap: Code(UninitializedElement)
  01db  ud2    ; trap: Code(IndirectCallTypeMismatch)
  01dd  ud2    ; trap: Code(StackOverflow)
  01df  ud2    ; trap: Propagate
  01e1  mov r11,rdx
  01e4  mov rdx,[r11]
  01eb  jmp 0

function to_host:
  0000  push rbp
  0001  mov rbp,rsp
  0004  push r14
  0006  push r15
  0008  sub rsp,40h
  000f  mov r14,rdi
  0012  mov r11,[r14]
  0019  cmp rsp,[r11+8]
  0020  jb 000000000000017Eh
  0026  mov [rbp-20h],rdx
  002d  mov [rsp],rdx
  0035  mov rax,[r14+28h]
  003c  mov rax,[rax]
  0043  mov r11,[rax]
  004a  mov r10,[r11+8]
  0051  test r10,r10
  0054  je 000000000000007Bh
  005a  mov rdi,[rax+8]
  0061  mov rsi,r14
  0064  mov rdx,[rsp]
  006c  lea rsp,[rbp-10h]
  0073  pop r15
  0075  pop r14
  0077  pop rbp
  0078  jmp r10
  007b  mov r10,[r14]
  0082  mov [r10+20h],rax
  0089  mov rdi,rax
  008c  mov rsi,r14
  008f  lea rdx,[rsp]
  0097  mov ecx,1
  009c  call qword ptr [r11]
  00a3  mov r10,[r14]
  00aa  mov qword ptr [r10+20h],0
  00b5  test al,al
  00b7  je 0000000000000180h
  00bd  mov rax,[r10+28h]
  00c4  test rax,rax
  00c7  je 0000000000000154h
  00cd  mov qword ptr [r10+28h],0
  00d8  mov r11,[rax]
  00df  mov r9,[r11+10h]
  00e6  test r9,r9
  00e9  je 0000000000000112h
  00ef  mov rdi,[rax+8]
  00f6  mov rsi,r14
  00f9  mov rdx,[r10+30h]
  0100  mov r8,rax
  0103  lea rsp,[rbp-10h]
  010a  pop r15
  010c  pop r14
  010e  pop rbp
  010f  jmp r9
  0112  mov rdi,rax
  0115  mov rsi,r14
  0118  mov rdx,[r10+30h]
  011f  mov ecx,3E8h
  0124  call qword ptr [r11]
  012b  test al,al
  012d  je 0000000000000180h
  0133  mov r10,[r14]
  013a  mov r10,[r10+30h]
  0141  movdqu xmm15,[r10]
  014a  movdqu [rsp],xmm15
  0154  mov rax,[rsp]
  015c  mov [rsp],rax
  0164  jmp 0000000000000169h
  0169  mov rax,[rsp]
  0171  lea rsp,[rbp-10h]
  0178  pop r15
  017a  pop r14
  017c  pop rbp
  017d  ret
  017e  ud2    ; trap: Code(StackOverflow)
  0180  ud2    ; trap: Propagate
  0182  mov r11,rdx
  0185  mov rdx,[r11]
  018c  jmp 0

function wide:
  0000  push rbp
  0001  mov rbp,rsp
  0004  push r14
  0006  push r15
  0008  sub rsp,0C0h
  000f  mov r14,rdi
  0012  mov r11,[r14]
  0019  cmp rsp,[r11+8]
  0020  jb 0000000000000258h
  0026  mov r11,[rdx]
  002d  mov [rbp-20h],r11
  0034  mov r11,[rdx+10h]
  003b  mov [rbp-30h],r11
  0042  mov r11,[rdx+20h]
  0049  mov [rbp-40h],r11
  0050  mov r11,[rdx+30h]
  0057  mov [rbp-50h],r11
  005e  mov r11,[rdx+40h]
  0065  mov [rbp-60h],r11
  006c  mov r11,[rbp-20h]
  0073  mov [rsp],r11
  007b  mov r11,[rbp-30h]
  0082  mov [rsp+10h],r11
  008a  mov r11,[rbp-40h]
  0091  mov [rsp+20h],r11
  0099  mov r11,[rbp-50h]
  00a0  mov [rsp+30h],r11
  00a8  mov r11,[rbp-60h]
  00af  mov [rsp+40h],r11
  00b7  mov rax,[r14+28h]
  00be  mov rax,[rax+20h]
  00c5  mov r11,[rax]
  00cc  mov r10,[r11+10h]
  00d3  test r10,r10
  00d6  je 0000000000000165h
  00dc  mov rdi,[rax+8]
  00e3  mov rdx,[r14]
  00ea  mov rdx,[rdx+30h]
  00f1  movdqu xmm15,[rsp]
  00fb  movdqu [rdx],xmm15
  0104  movdqu xmm15,[rsp+10h]
  010e  movdqu [rdx+10h],xmm15
  0117  movdqu xmm15,[rsp+20h]
  0121  movdqu [rdx+20h],xmm15
  012a  movdqu xmm15,[rsp+30h]
  0134  movdqu [rdx+30h],xmm15
  013d  movdqu xmm15,[rsp+40h]
  0147  movdqu [rdx+40h],xmm15
  0150  mov rsi,r14
  0153  mov r8,rax
  0156  lea rsp,[rbp-10h]
  015d  pop r15
  015f  pop r14
  0161  pop rbp
  0162  jmp r10
  0165  mov r10,[r14]
  016c  mov [r10+20h],rax
  0173  mov rdi,rax
  0176  mov rsi,r14
  0179  lea rdx,[rsp]
  0181  mov ecx,5
  0186  call qword ptr [r11]
  018d  mov r10,[r14]
  0194  mov qword ptr [r10+20h],0
  019f  test al,al
  01a1  je 000000000000025Ah
  01a7  mov rax,[r10+28h]
  01ae  test rax,rax
  01b1  je 000000000000023Eh
  01b7  mov qword ptr [r10+28h],0
  01c2  mov r11,[rax]
  01c9  mov r9,[r11+10h]
  01d0  test r9,r9
  01d3  je 00000000000001FCh
  01d9  mov rdi,[rax+8]
  01e0  mov rsi,r14
  01e3  mov rdx,[r10+30h]
  01ea  mov r8,rax
  01ed  lea rsp,[rbp-10h]
  01f4  pop r15
  01f6  pop r14
  01f8  pop rbp
  01f9  jmp r9
  01fc  mov rdi,rax
  01ff  mov rsi,r14
  0202  mov rdx,[r10+30h]
  0209  mov ecx,3E8h
  020e  call qword ptr [r11]
  0215  test al,al
  0217  je 000000000000025Ah
  021d  mov r10,[r14]
  0224  mov r10,[r10+30h]
  022b  movdqu xmm15,[r10]
  0234  movdqu [rsp],xmm15
  023e  jmp 0000000000000243h
  0243  mov rax,[rsp]
  024b  lea rsp,[rbp-10h]
  0252  pop r15
  0254  pop r14
  0256  pop rbp
  0257  ret
  0258  ud2    ; trap: Code(StackOverflow)
  025a  ud2    ; trap: Propagate

function wide_indirect:
  0000  push rbp
  0001  mov rbp,rsp
  0004  push r14
  0006  push r15
  0008  sub rsp,90h
  000f  mov r14,rdi
  0012  mov r11,[r14]
  0019  cmp rsp,[r11+8]
  0020  jb 0000000000000255h
  0026  mov [rbp-20h],rdx
  002d  mov [rsp],rdx
  0035  mov [rsp+10h],rdx
  003d  mov [rsp+20h],rdx
  0045  mov [rsp+30h],rdx
  004d  mov [rsp+40h],rdx
  0055  mov dword ptr [rsp+50h],0
  0060  mov dword ptr [rsp+54h],0
  006b  mov eax,[rsp+50h]
  0072  mov r11,[r14+18h]
  0079  mov r11,[r11]
  0080  cmp rax,[r11+8]
  0087  jae 000000000000024Fh
  008d  mov r11,[r11]
  0094  mov rax,[r11+rax*8]
  0098  test rax,rax
  009b  je 0000000000000251h
  00a1  mov r11,[r14+30h]
  00a8  mov r11d,[r11+4]
  00af  cmp r11d,[rax+10h]
  00b6  jne 0000000000000253h
  00bc  mov r11,[rax]
  00c3  mov r10,[r11+10h]
  00ca  test r10,r10
  00cd  je 000000000000015Ch
  00d3  mov rdi,[rax+8]
  00da  mov rdx,[r14]
  00e1  mov rdx,[rdx+30h]
  00e8  movdqu xmm15,[rsp]
  00f2  movdqu [rdx],xmm15
  00fb  movdqu xmm15,[rsp+10h]
  0105  movdqu [rdx+10h],xmm15
  010e  movdqu xmm15,[rsp+20h]
  0118  movdqu [rdx+20h],xmm15
  0121  movdqu xmm15,[rsp+30h]
  012b  movdqu [rdx+30h],xmm15
  0134  movdqu xmm15,[rsp+40h]
  013e  movdqu [rdx+40h],xmm15
  0147  mov rsi,r14
  014a  mov r8,rax
  014d  lea rsp,[rbp-10h]
  0154  pop r15
  0156  pop r14
  0158  pop rbp
  0159  jmp r10
  015c  mov r10,[r14]
  0163  mov [r10+20h],rax
  016a  mov rdi,rax
  016d  mov rsi,r14
  0170  lea rdx,[rsp]
  0178  mov ecx,5
  017d  call qword ptr [r11]
  0184  mov r10,[r14]
  018b  mov qword ptr [r10+20h],0
  0196  test al,al
  0198  je 0000000000000257h
  019e  mov rax,[r10+28h]
  01a5  test rax,rax
  01a8  je 0000000000000235h
  01ae  mov qword ptr [r10+28h],0
  01b9  mov r11,[rax]
  01c0  mov r9,[r11+10h]
  01c7  test r9,r9
  01ca  je 00000000000001F3h
  01d0  mov rdi,[rax+8]
  01d7  mov rsi,r14
  01da  mov rdx,[r10+30h]
  01e1  mov r8,rax
  01e4  lea rsp,[rbp-10h]
  01eb  pop r15
  01ed  pop r14
  01ef  pop rbp
  01f0  jmp r9
  01f3  mov rdi,rax
  01f6  mov rsi,r14
  01f9  mov rdx,[r10+30h]
  0200  mov ecx,3E8h
  0205  call qword ptr [r11]
  020c  test al,al
  020e  je 0000000000000257h
  0214  mov r10,[r14]
  021b  mov r10,[r10+30h]
  0222  movdqu xmm15,[r10]
  022b  movdqu [rsp],xmm15
  0235  jmp 000000000000023Ah
  023a  mov rax,[rsp]
  0242  lea rsp,[rbp-10h]
  0249  pop r15
  024b  pop r14
  024d  pop rbp
  024e  ret
  024f  ud2    ; trap: Code(UndefinedElement)
  0251  ud2    ; trap: Code(UninitializedElement)
  0253  ud2    ; trap: Code(IndirectCallTypeMismatch)
  0255  ud2    ; trap: Code(StackOverflow)
  0257  ud2    ; trap: Propagate
  0259  mov r11,rdx
  025c  mov rdx,[r11]
  0263  jmp 0

