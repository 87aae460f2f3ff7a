function swizzle:
  0000  push rbp
  0001  mov rbp,rsp
  0004  push r14
  0006  push r15
  0008  sub rsp,60h
  000f  mov r14,rdi
  0012  mov r11,[r14]
  0019  cmp rsp,[r11+8]
  0020  jb 0000000000000066h
  0026  movdqu [rbp-20h],xmm0
  002f  movdqu [rbp-30h],xmm1
  0038  movaps xmm2,xmm1
  003c  movaps xmm3,xmm0
  0040  pshufb xmm3,xmm2
  0046  movaps xmm0,xmm3
  004a  lea rsp,[rbp-10h]
  0051  pop r15
  0053  pop r14
  0055  pop rbp
  0056  ret
  0057  movdqu xmm0,[rsp]
  0061  jmp 000000000000004Ah
  0066  ud2    ; trap: Code(StackOverflow)
  0068  mov r11,rdx
  006b  movdqu xmm0,[r11]
  0075  movdqu xmm1,[r11+10h]
  007f  jmp 0

function trunc:
  0000  push rbp
  0001  mov rbp,rsp
  0004  push r14
  0006  push r15
  0008  sub rsp,40h
  000f  mov r14,rdi
  0012  mov r11,[r14]
  0019  cmp rsp,[r11+8]
  0020  jb 0000000000000058h
  0026  movdqu [rbp-20h],xmm0
  002f  movaps xmm1,xmm0
  0033  cvttps2dq xmm1,xmm1
  0038  movaps xmm0,xmm1
  003c  lea rsp,[rbp-10h]
  0043  pop r15
  0045  pop r14
  0047  pop rbp
  0048  ret
  0049  movdqu xmm0,[rsp]
  0053  jmp 000000000000003Ch
  0058  ud2    ; trap: Code(StackOverflow)
  005a  mov r11,rdx
  005d  movdqu xmm0,[r11]
  0067  jmp 0

function madd:
  0000  push rbp
  0001  mov rbp,rsp
  0004  push r14
  0006  push r15
  0008  sub rsp,80h
  000f  mov r14,rdi
  0012  mov r11,[r14]
  0019  cmp rsp,[r11+8]
  0020  jb 0000000000000075h
  0026  movdqu [rbp-20h],xmm0
  002f  movdqu [rbp-30h],xmm1
  0038  movdqu [rbp-40h],xmm2
  0041  movaps xmm3,xmm2
  0045  movaps xmm4,xmm1
  0049  movaps xmm5,xmm0
  004d  mulps xmm5,xmm4
  0051  addps xmm5,xmm3
  0055  movaps xmm0,xmm5
  0059  lea rsp,[rbp-10h]
  0060  pop r15
  0062  pop r14
  0064  pop rbp
  0065  ret
  0066  movdqu xmm0,[rsp]
  0070  jmp 0000000000000059h
  0075  ud2    ; trap: Code(StackOverflow)
  0077  mov r11,rdx
  007a  movdqu xmm0,[r11]
  0084  movdqu xmm1,[r11+10h]
  008e  movdqu xmm2,[r11+20h]
  0098  jmp 0

function nmadd:
  0000  push rbp
  0001  mov rbp,rsp
  0004  push r14
  0006  push r15
  0008  sub rsp,80h
  000f  mov r14,rdi
  0012  mov r11,[r14]
  0019  cmp rsp,[r11+8]
  0020  jb 0000000000000077h
  0026  movdqu [rbp-20h],xmm0
  002f  movdqu [rbp-30h],xmm1
  0038  movdqu [rbp-40h],xmm2
  0041  movaps xmm3,xmm2
  0045  movaps xmm4,xmm1
  0049  movaps xmm5,xmm0
  004d  mulpd xmm5,xmm4
  0052  subpd xmm3,xmm5
  0057  movaps xmm0,xmm3
  005b  lea rsp,[rbp-10h]
  0062  pop r15
  0064  pop r14
  0066  pop rbp
  0067  ret
  0068  movdqu xmm0,[rsp]
  0072  jmp 000000000000005Bh
  0077  ud2    ; trap: Code(StackOverflow)
  0079  mov r11,rdx
  007c  movdqu xmm0,[r11]
  0086  movdqu xmm1,[r11+10h]
  0090  movdqu xmm2,[r11+20h]
  009a  jmp 0

function laneselect:
  0000  push rbp
  0001  mov rbp,rsp
  0004  push r14
  0006  push r15
  0008  sub rsp,80h
  000f  mov r14,rdi
  0012  mov r11,[r14]
  0019  cmp rsp,[r11+8]
  0020  jb 000000000000007Ch
  0026  movdqu [rbp-20h],xmm0
  002f  movdqu [rbp-30h],xmm1
  0038  movdqu [rbp-40h],xmm2
  0041  movaps xmm3,xmm2
  0045  movaps xmm4,xmm1
  0049  movaps xmm5,xmm0
  004d  pand xmm5,xmm3
  0052  pandn xmm3,xmm4
  0057  por xmm5,xmm3
  005c  movaps xmm0,xmm5
  0060  lea rsp,[rbp-10h]
  0067  pop r15
  0069  pop r14
  006b  pop rbp
  006c  ret
  006d  movdqu xmm0,[rsp]
  0077  jmp 0000000000000060h
  007c  ud2    ; trap: Code(StackOverflow)
  007e  mov r11,rdx
  0081  movdqu xmm0,[r11]
  008b  movdqu xmm1,[r11+10h]
  0095  movdqu xmm2,[r11+20h]
  009f  jmp 0

function min:
  0000  push rbp
  0001  mov rbp,rsp
  0004  push r14
  0006  push r15
  0008  sub rsp,60h
  000f  mov r14,rdi
  0012  mov r11,[r14]
  0019  cmp rsp,[r11+8]
  0020  jb 0000000000000064h
  0026  movdqu [rbp-20h],xmm0
  002f  movdqu [rbp-30h],xmm1
  0038  movaps xmm2,xmm1
  003c  movaps xmm3,xmm0
  0040  minps xmm2,xmm3
  0044  movaps xmm0,xmm2
  0048  lea rsp,[rbp-10h]
  004f  pop r15
  0051  pop r14
  0053  pop rbp
  0054  ret
  0055  movdqu xmm0,[rsp]
  005f  jmp 0000000000000048h
  0064  ud2    ; trap: Code(StackOverflow)
  0066  mov r11,rdx
  0069  movdqu xmm0,[r11]
  0073  movdqu xmm1,[r11+10h]
  007d  jmp 0

function q15mulr:
  0000  push rbp
  0001  mov rbp,rsp
  0004  push r14
  0006  push r15
  0008  sub rsp,60h
  000f  mov r14,rdi
  0012  mov r11,[r14]
  0019  cmp rsp,[r11+8]
  0020  jb 0000000000000066h
  0026  movdqu [rbp-20h],xmm0
  002f  movdqu [rbp-30h],xmm1
  0038  movaps xmm2,xmm1
  003c  movaps xmm3,xmm0
  0040  pmulhrsw xmm3,xmm2
  0046  movaps xmm0,xmm3
  004a  lea rsp,[rbp-10h]
  0051  pop r15
  0053  pop r14
  0055  pop rbp
  0056  ret
  0057  movdqu xmm0,[rsp]
  0061  jmp 000000000000004Ah
  0066  ud2    ; trap: Code(StackOverflow)
  0068  mov r11,rdx
  006b  movdqu xmm0,[r11]
  0075  movdqu xmm1,[r11+10h]
  007f  jmp 0

function dot_add:
  0000  push rbp
  0001  mov rbp,rsp
  0004  push r14
  0006  push r15
  0008  sub rsp,80h
  000f  mov r14,rdi
  0012  mov r11,[r14]
  0019  cmp rsp,[r11+8]
  0020  jb 0000000000000086h
  0026  movdqu [rbp-20h],xmm0
  002f  movdqu [rbp-30h],xmm1
  0038  movdqu [rbp-40h],xmm2
  0041  movaps xmm3,xmm2
  0045  movaps xmm4,xmm1
  0049  movaps xmm5,xmm0
  004d  pmaddubsw xmm4,xmm5
  0053  movdqu xmm15,[0B0h]
  005c  pmaddwd xmm4,xmm15
  0061  paddd xmm4,xmm3
  0066  movaps xmm0,xmm4
  006a  lea rsp,[rbp-10h]
  0071  pop r15
  0073  pop r14
  0075  pop rbp
  0076  ret
  0077  movdqu xmm0,[rsp]
  0081  jmp 000000000000006Ah
  0086  ud2    ; trap: Code(StackOverflow)
  0088  mov r11,rdx
  008b  movdqu xmm0,[r11]
  0095  movdqu xmm1,[r11+10h]
  009f  movdqu xmm2,[r11+20h]
  00a9  jmp 0
  00ae  nop
  00af  nop
  00b0  add [rax],eax
  00b2  add [rax],eax
  00b4  add [rax],eax
  00b6  add [rax],eax
  00b8  add [rax],eax
  00ba  add [rax],eax
  00bc  add [rax],eax
  00be  add [rax],eax

