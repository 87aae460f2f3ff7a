function self:
  0000  push rbp
  0001  mov rbp,rsp
  0004  push r14
  0006  push r15
  0008  sub rsp,40h
  000f  mov r14,rdi
  0012  mov r11,[r14]
  0019  cmp rsp,[r11+8]
  0020  jb 000000000000015Ch
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
  00b7  je 000000000000015Eh
  00bd  mov rax,[r10+28h]
  00c4  test rax,rax
  00c7  je 0000000000000132h
  00cd  mov qword ptr [r10+28h],0
  00d8  mov r11,[rax]
  00df  mov r10,[r11+8]
  00e6  test r10,r10
  00e9  je 0000000000000110h
  00ef  mov rdi,[rax+8]
  00f6  mov rsi,r14
  00f9  mov rdx,[rsp]
  0101  lea rsp,[rbp-10h]
  0108  pop r15
  010a  pop r14
  010c  pop rbp
  010d  jmp r10
  0110  mov rdi,rax
  0113  mov rsi,r14
  0116  lea rdx,[rsp]
  011e  mov ecx,1
  0123  call qword ptr [r11]
  012a  test al,al
  012c  je 000000000000015Eh
  0132  mov rax,[rsp]
  013a  mov [rsp],rax
  0142  jmp 0000000000000147h
  0147  mov rax,[rsp]
  014f  lea rsp,[rbp-10h]
  0156  pop r15
  0158  pop r14
  015a  pop rbp
  015b  ret
  015c  ud2    ; trap: Code(StackOverflow)
  015e  ud2    ; trap: Propagate

function indirect:
  0000  push rbp
  0001  mov rbp,rsp
  0004  push r14
  0006  push r15
  0008  sub rsp,50h
  000f  mov r14,rdi
  0012  mov r11,[r14]
  0019  cmp rsp,[r11+8]
  0020  jb 00000000000001BBh
  0026  mov [rbp-20h],rdx
  002d  mov [rsp],rdx
  0035  mov dword ptr [rsp+10h],0
  0040  mov dword ptr [rsp+14h],0
  004b  mov eax,[rsp+10h]
  0052  mov r11,[r14+18h]
  0059  mov r11,[r11]
  0060  cmp rax,[r11+8]
  0067  jae 00000000000001B5h
  006d  mov r11,[r11]
  0074  mov rax,[r11+rax*8]
  0078  test rax,rax
  007b  je 00000000000001B7h
  0081  mov r11,[r14+30h]
  0088  mov r11d,[r11]
  008f  cmp r11d,[rax+10h]
  0096  jne 00000000000001B9h
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
  0110  je 00000000000001BDh
  0116  mov rax,[r10+28h]
  011d  test rax,rax
  0120  je 000000000000018Bh
  0126  mov qword ptr [r10+28h],0
  0131  mov r11,[rax]
  0138  mov r10,[r11+8]
  013f  test r10,r10
  0142  je 0000000000000169h
  0148  mov rdi,[rax+8]
  014f  mov rsi,r14
  0152  mov rdx,[rsp]
  015a  lea rsp,[rbp-10h]
  0161  pop r15
  0163  pop r14
  0165  pop rbp
  0166  jmp r10
  0169  mov rdi,rax
  016c  mov rsi,r14
  016f  lea rdx,[rsp]
  0177  mov ecx,1
  017c  call qword ptr [r11]
  0183  test al,al
  0185  je 00000000000001BDh
  018b  mov rax,[rsp]
  0193  mov [rsp],rax
  019b  jmp 00000000000001A0h
  01a0  mov rax,[rsp]
  01a8  lea rsp,[rbp-10h]
  01af  pop r15
  01b1  pop r14
  01b3  pop rbp
  01b4  ret
  01b5  ud2    ; trap: Code(UndefinedElement)
  01b7  ud2    ; trap: Code(UninitializedElement)
  01b9  ud2    ; trap: Code(IndirectCallTypeMismatch)
  01bb  ud2    ; trap: Code(StackOverflow)
  01bd  ud2    ; trap: Propagate

function to_host:
  0000  push rbp
  0001  mov rbp,rsp
  0004  push r14
  0006  push r15
  0008  sub rsp,40h
  000f  mov r14,rdi
  0012  mov r11,[r14]
  0019  cmp rsp,[r11+8]
  0020  jb 000000000000015Ch
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
  00b7  je 000000000000015Eh
  00bd  mov rax,[r10+28h]
  00c4  test rax,rax
  00c7  je 0000000000000132h
  00cd  mov qword ptr [r10+28h],0
  00d8  mov r11,[rax]
  00df  mov r10,[r11+8]
  00e6  test r10,r10
  00e9  je 0000000000000110h
  00ef  mov rdi,[rax+8]
  00f6  mov rsi,r14
  00f9  mov rdx,[rsp]
  0101  lea rsp,[rbp-10h]
  0108  pop r15
  010a  pop r14
  010c  pop rbp
  010d  jmp r10
  0110  mov rdi,rax
  0113  mov rsi,r14
  0116  lea rdx,[rsp]
  011e  mov ecx,1
  0123  call qword ptr [r11]
  012a  test al,al
  012c  je 000000000000015Eh
  0132  mov rax,[rsp]
  013a  mov [rsp],rax
  0142  jmp 0000000000000147h
  0147  mov rax,[rsp]
  014f  lea rsp,[rbp-10h]
  0156  pop r15
  0158  pop r14
  015a  pop rbp
  015b  ret
  015c  ud2    ; trap: Code(StackOverflow)
  015e  ud2    ; trap: Propagate

function wide:
  0000  push rbp
  0001  mov rbp,rsp
  0004  push r14
  0006  push r15
  0008  sub rsp,0C0h
  000f  mov r14,rdi
  0012  mov r11,[r14]
  0019  cmp rsp,[r11+8]
  0020  jb 000000000000019Eh
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
  00d6  je 0000000000000162h
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
  0153  lea rsp,[rbp-10h]
  015a  pop r15
  015c  pop r14
  015e  pop rbp
  015f  jmp r10
  0162  mov rdi,rax
  0165  mov rsi,r14
  0168  lea rdx,[rsp]
  0170  mov ecx,5
  0175  call qword ptr [r11]
  017c  test al,al
  017e  je 00000000000001A0h
  0184  jmp 0000000000000189h
  0189  mov rax,[rsp]
  0191  lea rsp,[rbp-10h]
  0198  pop r15
  019a  pop r14
  019c  pop rbp
  019d  ret
  019e  ud2    ; trap: Code(StackOverflow)
  01a0  ud2    ; trap: Propagate

function wide_indirect:
  0000  push rbp
  0001  mov rbp,rsp
  0004  push r14
  0006  push r15
  0008  sub rsp,90h
  000f  mov r14,rdi
  0012  mov r11,[r14]
  0019  cmp rsp,[r11+8]
  0020  jb 000000000000019Bh
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
  0087  jae 0000000000000195h
  008d  mov r11,[r11]
  0094  mov rax,[r11+rax*8]
  0098  test rax,rax
  009b  je 0000000000000197h
  00a1  mov r11,[r14+30h]
  00a8  mov r11d,[r11+4]
  00af  cmp r11d,[rax+10h]
  00b6  jne 0000000000000199h
  00bc  mov r11,[rax]
  00c3  mov r10,[r11+10h]
  00ca  test r10,r10
  00cd  je 0000000000000159h
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
  014a  lea rsp,[rbp-10h]
  0151  pop r15
  0153  pop r14
  0155  pop rbp
  0156  jmp r10
  0159  mov rdi,rax
  015c  mov rsi,r14
  015f  lea rdx,[rsp]
  0167  mov ecx,5
  016c  call qword ptr [r11]
  0173  test al,al
  0175  je 000000000000019Dh
  017b  jmp 0000000000000180h
  0180  mov rax,[rsp]
  0188  lea rsp,[rbp-10h]
  018f  pop r15
  0191  pop r14
  0193  pop rbp
  0194  ret
  0195  ud2    ; trap: Code(UndefinedElement)
  0197  ud2    ; trap: Code(UninitializedElement)
  0199  ud2    ; trap: Code(IndirectCallTypeMismatch)
  019b  ud2    ; trap: Code(StackOverflow)
  019d  ud2    ; trap: Propagate

