function even:
  0000  push rbp
  0001  mov rbp,rsp
  0004  push r14
  0006  push r15
  0008  sub rsp,50h
  000f  mov r14,rdi
  0012  mov r11,[r14]
  0019  cmp rsp,[r11+8]
  0020  jb 00000000000000A1h
  0026  mov [rbp-20h],rdx
  002d  mov rax,rdx
  0030  test rax,rax
  0033  jne 0000000000000054h
  0039  mov dword ptr [rsp],1
  0044  mov dword ptr [rsp+4],0
  004f  jmp 000000000000007Fh
  0054  mov rcx,[rbp-20h]
  005b  mov rax,rcx
  005e  sub rax,1
  0065  mov rdx,rax
  0068  mov rdi,r14
  006b  mov rsi,r14
  006e  lea rsp,[rbp-10h]
  0075  pop r15
  0077  pop r14
  0079  pop rbp
  007a  jmp 000000000000007Fh
  007f  mov eax,[rsp]
  0087  lea rsp,[rbp-10h]
  008e  pop r15
  0090  pop r14
  0092  pop rbp
  0093  ret
  0094  mov rax,[rsp]
  009c  jmp 0000000000000087h
  00a1  ud2    ; trap: Code(StackOverflow)

function odd:
  0000  push rbp
  0001  mov rbp,rsp
  0004  push r14
  0006  push r15
  0008  sub rsp,50h
  000f  mov r14,rdi
  0012  mov r11,[r14]
  0019  cmp rsp,[r11+8]
  0020  jb 00000000000000A1h
  0026  mov [rbp-20h],rdx
  002d  mov rax,rdx
  0030  test rax,rax
  0033  jne 0000000000000054h
  0039  mov dword ptr [rsp],0
  0044  mov dword ptr [rsp+4],0
  004f  jmp 000000000000007Fh
  0054  mov rcx,[rbp-20h]
  005b  mov rax,rcx
  005e  sub rax,1
  0065  mov rdx,rax
  0068  mov rdi,r14
  006b  mov rsi,r14
  006e  lea rsp,[rbp-10h]
  0075  pop r15
  0077  pop r14
  0079  pop rbp
  007a  jmp 000000000000007Fh
  007f  mov eax,[rsp]
  0087  lea rsp,[rbp-10h]
  008e  pop r15
  0090  pop r14
  0092  pop rbp
  0093  ret
  0094  mov rax,[rsp]
  009c  jmp 0000000000000087h
  00a1  ud2    ; trap: Code(StackOverflow)

function wide:
  0000  push rbp
  0001  mov rbp,rsp
  0004  push r14
  0006  push r15
  0008  sub rsp,0C0h
  000f  mov r14,rdi
  0012  mov r11,[r14]
  0019  cmp rsp,[r11+8]
  0020  jb 0000000000000150h
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
  006c  mov r11,[rbp-30h]
  0073  mov [rsp],r11
  007b  mov r11,[rbp-40h]
  0082  mov [rsp+10h],r11
  008a  mov r11,[rbp-50h]
  0091  mov [rsp+20h],r11
  0099  mov r11,[rbp-60h]
  00a0  mov [rsp+30h],r11
  00a8  mov r11,[rbp-20h]
  00af  mov [rsp+40h],r11
  00b7  mov rdx,[r14]
  00be  mov rdx,[rdx+30h]
  00c5  movdqu xmm15,[rsp]
  00cf  movdqu [rdx],xmm15
  00d8  movdqu xmm15,[rsp+10h]
  00e2  movdqu [rdx+10h],xmm15
  00eb  movdqu xmm15,[rsp+20h]
  00f5  movdqu [rdx+20h],xmm15
  00fe  movdqu xmm15,[rsp+30h]
  0108  movdqu [rdx+30h],xmm15
  0111  movdqu xmm15,[rsp+40h]
  011b  movdqu [rdx+40h],xmm15
  0124  mov rdi,r14
  0127  mov rsi,r14
  012a  lea rsp,[rbp-10h]
  0131  pop r15
  0133  pop r14
  0135  pop rbp
  0136  jmp 000000000000013Bh
  013b  mov rax,[rsp]
  0143  lea rsp,[rbp-10h]
  014a  pop r15
  014c  pop r14
  014e  pop rbp
  014f  ret
  0150  ud2    ; trap: Code(StackOverflow)

function narrow:
  0000  push rbp
  0001  mov rbp,rsp
  0004  push r14
  0006  push r15
  0008  sub rsp,80h
  000f  mov r14,rdi
  0012  mov r11,[r14]
  0019  cmp rsp,[r11+8]
  0020  jb 00000000000000EEh
  0026  mov [rbp-20h],rdx
  002d  mov [rsp],rdx
  0035  mov [rsp+10h],rdx
  003d  mov [rsp+20h],rdx
  0045  mov [rsp+30h],rdx
  004d  mov [rsp+40h],rdx
  0055  mov rdx,[r14]
  005c  mov rdx,[rdx+30h]
  0063  movdqu xmm15,[rsp]
  006d  movdqu [rdx],xmm15
  0076  movdqu xmm15,[rsp+10h]
  0080  movdqu [rdx+10h],xmm15
  0089  movdqu xmm15,[rsp+20h]
  0093  movdqu [rdx+20h],xmm15
  009c  movdqu xmm15,[rsp+30h]
  00a6  movdqu [rdx+30h],xmm15
  00af  movdqu xmm15,[rsp+40h]
  00b9  movdqu [rdx+40h],xmm15
  00c2  mov rdi,r14
  00c5  mov rsi,r14
  00c8  lea rsp,[rbp-10h]
  00cf  pop r15
  00d1  pop r14
  00d3  pop rbp
  00d4  jmp 00000000000000D9h
  00d9  mov rax,[rsp]
  00e1  lea rsp,[rbp-10h]
  00e8  pop r15
  00ea  pop r14
  00ec  pop rbp
  00ed  ret
  00ee  ud2    ; trap: Code(StackOverflow)

function cells:
  0000  push rbp
  0001  mov rbp,rsp
  0004  push r14
  0006  push r15
  0008  sub rsp,0C0h
  000f  mov r14,rdi
  0012  mov r11,[r14]
  0019  cmp rsp,[r11+8]
  0020  jb 000000000000016Dh
  0026  mov [rbp-30h],rcx
  002d  mov r11,[rdx]
  0034  mov [rbp-20h],r11
  003b  mov r11,[rbp-20h]
  0042  mov [rsp],r11
  004a  mov r11,3FF8000000000000h
  0054  mov [rsp+10h],r11
  005c  mov rdx,[r14]
  0063  mov rdx,[rdx+30h]
  006a  movdqu xmm15,[rsp]
  0074  movdqu [rdx],xmm15
  007d  movdqu xmm15,[rsp+10h]
  0087  movdqu [rdx+10h],xmm15
  0090  mov rcx,[rbp-30h]
  0097  mov rdi,r14
  009a  mov rsi,r14
  009d  lea rsp,[rbp-10h]
  00a4  pop r15
  00a6  pop r14
  00a8  pop rbp
  00a9  jmp 00000000000000AEh
  00ae  mov r11,[rbp-30h]
  00b5  movdqu xmm15,[rsp]
  00bf  movdqu [r11],xmm15
  00c8  movdqu xmm15,[rsp+10h]
  00d2  movdqu [r11+10h],xmm15
  00db  movdqu xmm15,[rsp+20h]
  00e5  movdqu [r11+20h],xmm15
  00ee  movdqu xmm15,[rsp+30h]
  00f8  movdqu [r11+30h],xmm15
  0101  movdqu xmm15,[rsp+40h]
  010b  movdqu [r11+40h],xmm15
  0114  movdqu xmm15,[rsp+50h]
  011e  movdqu [r11+50h],xmm15
  0127  movdqu xmm15,[rsp+60h]
  0131  movdqu [r11+60h],xmm15
  013a  movdqu xmm15,[rsp+70h]
  0144  movdqu [r11+70h],xmm15
  014d  movdqu xmm15,[rsp+80h]
  0157  movdqu [r11+80h],xmm15
  0160  lea rsp,[rbp-10h]
  0167  pop r15
  0169  pop r14
  016b  pop rbp
  016c  ret
  016d  ud2    ; trap: Code(StackOverflow)

function cells2:
  0000  push rbp
  0001  mov rbp,rsp
  0004  push r14
  0006  push r15
  0008  sub rsp,0D0h
  000f  mov r14,rdi
  0012  mov r11,[r14]
  0019  cmp rsp,[r11+8]
  0020  jb 0000000000000156h
  0026  mov [rbp-40h],rcx
  002d  mov r11,[rdx]
  0034  mov [rbp-20h],r11
  003b  mov r11,[rdx+10h]
  0042  mov [rbp-30h],r11
  0049  mov r11,[rbp-20h]
  0050  mov [rsp],r11
  0058  mov rdx,[r14]
  005f  mov rdx,[rdx+30h]
  0066  movdqu xmm15,[rsp]
  0070  movdqu [rdx],xmm15
  0079  mov rcx,[rbp-40h]
  0080  mov rdi,r14
  0083  mov rsi,r14
  0086  lea rsp,[rbp-10h]
  008d  pop r15
  008f  pop r14
  0091  pop rbp
  0092  jmp 0000000000000097h
  0097  mov r11,[rbp-40h]
  009e  movdqu xmm15,[rsp]
  00a8  movdqu [r11],xmm15
  00b1  movdqu xmm15,[rsp+10h]
  00bb  movdqu [r11+10h],xmm15
  00c4  movdqu xmm15,[rsp+20h]
  00ce  movdqu [r11+20h],xmm15
  00d7  movdqu xmm15,[rsp+30h]
  00e1  movdqu [r11+30h],xmm15
  00ea  movdqu xmm15,[rsp+40h]
  00f4  movdqu [r11+40h],xmm15
  00fd  movdqu xmm15,[rsp+50h]
  0107  movdqu [r11+50h],xmm15
  0110  movdqu xmm15,[rsp+60h]
  011a  movdqu [r11+60h],xmm15
  0123  movdqu xmm15,[rsp+70h]
  012d  movdqu [r11+70h],xmm15
  0136  movdqu xmm15,[rsp+80h]
  0140  movdqu [r11+80h],xmm15
  0149  lea rsp,[rbp-10h]
  0150  pop r15
  0152  pop r14
  0154  pop rbp
  0155  ret
  0156  ud2    ; trap: Code(StackOverflow)

