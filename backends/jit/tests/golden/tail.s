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
  018d  jmp 0

function indirect:
  0000  push rbp
  0001  mov rbp,rsp
  0004  push r14
  0006  push r15
  0008  sub rsp,50h
  000f  mov r14,rdi
  0012  mov r11,[r14]
  0019  cmp rsp,[r11+8]
  0020  jb 00000000000001D6h
  0026  mov [rbp-20h],rdx
  002d  mov [rsp],rdx
  0035  mov dword ptr [rsp+10h],0
  0040  mov dword ptr [rsp+14h],0
  004b  mov eax,[rsp+10h]
  0052  mov r11,[r14+60h]
  0059  cmp rax,[r11+8]
  0060  jae 00000000000001D0h
  0066  mov r11,[r11]
  006d  mov rax,[r11+rax*8]
  0071  test rax,rax
  0074  je 00000000000001D2h
  007a  mov r11,[r14+30h]
  0081  mov r11d,[r11]
  0088  cmp r11d,[rax+10h]
  008f  jne 00000000000001D4h
  0095  mov r11,[rax]
  009c  mov r10,[r11+8]
  00a3  test r10,r10
  00a6  je 00000000000000CDh
  00ac  mov rdi,[rax+8]
  00b3  mov rsi,r14
  00b6  mov rdx,[rsp]
  00be  lea rsp,[rbp-10h]
  00c5  pop r15
  00c7  pop r14
  00c9  pop rbp
  00ca  jmp r10
  00cd  mov r10,[r14]
  00d4  mov [r10+20h],rax
  00db  mov rdi,rax
  00de  mov rsi,r14
  00e1  lea rdx,[rsp]
  00e9  mov ecx,1
  00ee  call qword ptr [r11]
  00f5  mov r10,[r14]
  00fc  mov qword ptr [r10+20h],0
  0107  test al,al
  0109  je 00000000000001D8h
  010f  mov rax,[r10+28h]
  0116  test rax,rax
  0119  je 00000000000001A6h
  011f  mov qword ptr [r10+28h],0
  012a  mov r11,[rax]
  0131  mov r9,[r11+10h]
  0138  test r9,r9
  013b  je 0000000000000164h
  0141  mov rdi,[rax+8]
  0148  mov rsi,r14
  014b  mov rdx,[r10+30h]
  0152  mov r8,rax
  0155  lea rsp,[rbp-10h]
  015c  pop r15
  015e  pop r14
  0160  pop rbp
  0161  jmp r9
  0164  mov rdi,rax
  0167  mov rsi,r14
  016a  mov rdx,[r10+30h]
  0171  mov ecx,3E8h
  0176  call qword ptr [r11]
  017d  test al,al
  017f  je 00000000000001D8h
  0185  mov r10,[r14]
  018c  mov r10,[r10+30h]
  0193  movdqu xmm15,[r10]
  019c  movdqu [rsp],xmm15
  01a6  mov rax,[rsp]
  01ae  mov [rsp],rax
  01b6  jmp 00000000000001BBh
  01bb  mov rax,[rsp]
  01c3  lea rsp,[rbp-10h]
  01ca  pop r15
  01cc  pop r14
  01ce  pop rbp
  01cf  ret
  01d0  ud2    ; trap: Code(UndefinedElement)
  01d2  ud2    ; trap: Code(UninitializedElement)
  01d4  ud2    ; trap: Code(IndirectCallTypeMismatch)
  01d6  ud2    ; trap: Code(StackOverflow)
  01d8  ud2    ; trap: Propagate
  01da  mov r11,rdx
  01dd  mov rdx,[r11]
  01e5  jmp 0

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
  018d  jmp 0

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
  0020  jb 000000000000024Eh
  0026  mov [rbp-20h],rdx
  002d  mov [rsp],rdx
  0035  mov [rsp+10h],rdx
  003d  mov [rsp+20h],rdx
  0045  mov [rsp+30h],rdx
  004d  mov [rsp+40h],rdx
  0055  mov dword ptr [rsp+50h],0
  0060  mov dword ptr [rsp+54h],0
  006b  mov eax,[rsp+50h]
  0072  mov r11,[r14+60h]
  0079  cmp rax,[r11+8]
  0080  jae 0000000000000248h
  0086  mov r11,[r11]
  008d  mov rax,[r11+rax*8]
  0091  test rax,rax
  0094  je 000000000000024Ah
  009a  mov r11,[r14+30h]
  00a1  mov r11d,[r11+4]
  00a8  cmp r11d,[rax+10h]
  00af  jne 000000000000024Ch
  00b5  mov r11,[rax]
  00bc  mov r10,[r11+10h]
  00c3  test r10,r10
  00c6  je 0000000000000155h
  00cc  mov rdi,[rax+8]
  00d3  mov rdx,[r14]
  00da  mov rdx,[rdx+30h]
  00e1  movdqu xmm15,[rsp]
  00eb  movdqu [rdx],xmm15
  00f4  movdqu xmm15,[rsp+10h]
  00fe  movdqu [rdx+10h],xmm15
  0107  movdqu xmm15,[rsp+20h]
  0111  movdqu [rdx+20h],xmm15
  011a  movdqu xmm15,[rsp+30h]
  0124  movdqu [rdx+30h],xmm15
  012d  movdqu xmm15,[rsp+40h]
  0137  movdqu [rdx+40h],xmm15
  0140  mov rsi,r14
  0143  mov r8,rax
  0146  lea rsp,[rbp-10h]
  014d  pop r15
  014f  pop r14
  0151  pop rbp
  0152  jmp r10
  0155  mov r10,[r14]
  015c  mov [r10+20h],rax
  0163  mov rdi,rax
  0166  mov rsi,r14
  0169  lea rdx,[rsp]
  0171  mov ecx,5
  0176  call qword ptr [r11]
  017d  mov r10,[r14]
  0184  mov qword ptr [r10+20h],0
  018f  test al,al
  0191  je 0000000000000250h
  0197  mov rax,[r10+28h]
  019e  test rax,rax
  01a1  je 000000000000022Eh
  01a7  mov qword ptr [r10+28h],0
  01b2  mov r11,[rax]
  01b9  mov r9,[r11+10h]
  01c0  test r9,r9
  01c3  je 00000000000001ECh
  01c9  mov rdi,[rax+8]
  01d0  mov rsi,r14
  01d3  mov rdx,[r10+30h]
  01da  mov r8,rax
  01dd  lea rsp,[rbp-10h]
  01e4  pop r15
  01e6  pop r14
  01e8  pop rbp
  01e9  jmp r9
  01ec  mov rdi,rax
  01ef  mov rsi,r14
  01f2  mov rdx,[r10+30h]
  01f9  mov ecx,3E8h
  01fe  call qword ptr [r11]
  0205  test al,al
  0207  je 0000000000000250h
  020d  mov r10,[r14]
  0214  mov r10,[r10+30h]
  021b  movdqu xmm15,[r10]
  0224  movdqu [rsp],xmm15
  022e  jmp 0000000000000233h
  0233  mov rax,[rsp]
  023b  lea rsp,[rbp-10h]
  0242  pop r15
  0244  pop r14
  0246  pop rbp
  0247  ret
  0248  ud2    ; trap: Code(UndefinedElement)
  024a  ud2    ; trap: Code(UninitializedElement)
  024c  ud2    ; trap: Code(IndirectCallTypeMismatch)
  024e  ud2    ; trap: Code(StackOverflow)
  0250  ud2    ; trap: Propagate
  0252  mov r11,rdx
  0255  mov rdx,[r11]
  025d  jmp 0

